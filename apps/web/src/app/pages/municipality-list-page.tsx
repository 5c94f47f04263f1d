import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../../components/pagination";
import { QueryState } from "../../components/query-state";
import { useDistricts } from "../../lib/api/get-districts";
import { useMunicipalities } from "../../lib/api/get-municipalities";
import { useAssociations } from "../../features/associations/api/get-associations";
import { ExportLinks } from "../../features/municipalities/components/export-links";
import { MunicipalityFilters } from "../../features/municipalities/components/municipality-filters";
import { MunicipalityTable } from "../../features/municipalities/components/municipality-table";
import { pageCount, toListQuery } from "../../features/municipalities/list-params";
import { useListParams } from "../../features/municipalities/use-list-params";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useFormatters } from "../../lib/use-formatters";

export function MunicipalityListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t("list.title"));

  const [params, updateParams] = useListParams();
  const districts = useDistricts();
  const associations = useAssociations();
  const municipalities = useMunicipalities(toListQuery(params));
  const data = municipalities.data;
  const pages = data ? pageCount(data.total) : 1;

  // A shared link may point past the last page once the registry has changed.
  const beyondLastPage = data !== undefined && !municipalities.isPlaceholderData && data.total > 0 && params.page > pages;
  useEffect(() => {
    if (beyondLastPage) updateParams({ page: pages }, { replace: true });
  }, [beyondLastPage, pages, updateParams]);

  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>

      <MunicipalityFilters
        params={params}
        districts={districts.data?.items ?? []}
        associations={associations.data?.items ?? []}
        onChange={updateParams}
      />

      <p className="result-count" role="status">
        {data ? t("list.resultCount", { count: data.total, formatted: format.integer(data.total) }) : ""}
      </p>

      <QueryState query={municipalities}>{(loaded) => loaded.total === 0 ? (
        <p className="notice">{t("list.empty")}</p>
      ) : (
        <>
          <p className="hint">{t("list.sortHint")}</p>
          <MunicipalityTable
            items={loaded.items}
            sort={params.sort}
            onSortChange={(sort) => updateParams({ sort })}
            busy={municipalities.isPlaceholderData}
          />
          <Pagination page={params.page} pageCount={pages} onPageChange={(page) => updateParams({ page })} />
          <ExportLinks params={params} />
        </>
      )}</QueryState>
    </>
  );
}
