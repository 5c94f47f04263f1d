import type { FundingStats } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../../lib/use-formatters";

/** The key figures of funding on a date: running measures, those at risk, eligible municipalities without a concept. */
export function FundingFigures({ stats }: { stats: FundingStats }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  const figures = [
    {
      key: "running",
      label: t("figures.running"),
      value: stats.measures.running,
      definition: t("figures.runningDef"),
      detail: t("figures.onCurrentConcept", { count: format.integer(stats.measures.onCurrentConcept) }),
    },
    { key: "atRisk", label: t("figures.atRisk"), value: stats.measures.atRisk, definition: t("figures.atRiskDef"), detail: null },
    { key: "eligible", label: t("figures.eligible"), value: stats.eligibleWithoutConcept, definition: t("figures.eligibleDef"), detail: null },
  ];
  return (
    <dl className="figures funding-figures">
      {figures.map((figure) => (
        <div className="figures__item" key={figure.key} data-figure={figure.key}>
          <dt>{figure.label}</dt>
          <dd className="figures__value">{format.integer(figure.value)}</dd>
          {figure.detail ? <dd className="figures__detail">{figure.detail}</dd> : null}
          <dd className="figures__rule">{figure.definition}</dd>
        </div>
      ))}
    </dl>
  );
}
