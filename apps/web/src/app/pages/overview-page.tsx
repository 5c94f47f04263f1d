import { useTranslation } from "react-i18next";
import { QueryState } from "../../components/query-state";
import { useDistricts } from "../../features/districts/api/get-districts";
import { DistrictFigures } from "../../features/districts/components/district-figures";
import { DistrictTable } from "../../features/districts/components/district-table";
import { summarizeDistricts } from "../../features/districts/district-summary";
import { useDocumentTitle } from "../../lib/use-document-title";

export function OverviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("overview.title"));
  const districts = useDistricts();

  return (
    <>
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.intro")}</p>
      <QueryState query={districts}>
        {({ items }) => {
          const summary = summarizeDistricts(items);
          return (
            <>
              <section aria-labelledby="figures-heading">
                <h2 id="figures-heading">{t("overview.figuresHeading")}</h2>
                <DistrictFigures summary={summary} />
              </section>
              <section aria-labelledby="districts-heading">
                <h2 id="districts-heading">{t("overview.districtsHeading")}</h2>
                <p>{t("overview.districtsHint")}</p>
                <DistrictTable items={items} summary={summary} />
              </section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
