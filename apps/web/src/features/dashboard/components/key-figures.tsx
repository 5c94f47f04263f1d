import type { Summary } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { signedChange } from "../overview-params";
import { STATUS_ORDER } from "../status-style";
import { useDashboardFormat } from "../use-dashboard-format";
import { Definition } from "./definition";
import { StatusSwatch } from "./status-patterns";

interface Figure {
  key: string;
  label: string;
  value: string;
  detail?: string;
  definition: string;
  /** The rule the figure depends on, shown beside it. */
  rule?: string;
  /** Raw values for the comparison (now, then), formatted with `formatChange`. */
  change?: [number, number];
  /** The change is of a share: shown in percentage points. */
  pointsChange?: boolean;
  /** The filter of the municipality list that shows exactly these municipalities. */
  list?: Record<string, string>;
}

function listHref(filters: Record<string, string>): string {
  const search = new URLSearchParams(filters).toString();
  return search ? `${paths.municipalities}?${search}` : paths.municipalities;
}

/**
 * The key figures of one date, with definitions, rules and (optionally) the change since a second date.
 * Memoised: re-renders only when its summaries change, not when another query of the page answers.
 */
export const KeyFigures = memo(function KeyFigures({
  summary,
  compare,
  listFilters,
}: {
  summary: Summary;
  compare?: Summary | undefined;
  /**
   * The view's filters as list parameters, when the figures are today's: each figure then links to
   * the municipality list filtered to exactly its municipalities (the list shows today only).
   */
  listFilters?: Record<string, string> | undefined;
}) {
  const { t } = useTranslation("dashboard");
  const { t: tw } = useTranslation("workflows");
  const format = useDashboardFormat();
  const rule = t("rules", { years: String(summary.rules.currencyYears) });
  const pick = (get: (s: Summary) => number): [number, number] | undefined => (compare ? [get(summary), get(compare)] : undefined);

  const main: Figure[] = [
    {
      key: "covered",
      label: t("figures.covered"),
      value: format.integer(summary.covered.count),
      detail: t("figures.coveredDetail", { share: format.share(summary.covered.share), total: format.integer(summary.total) }),
      definition: t("figures.coveredDef"),
      rule,
      change: pick((s) => s.covered.count),
      list: { current: "true" },
    },
    {
      key: "population",
      label: t("figures.population"),
      value: format.share(summary.covered.populationShare),
      detail: t("figures.populationDetail", {
        inhabitants: format.integer(summary.covered.population),
        total: format.integer(summary.population),
      }),
      definition: t("figures.populationDef"),
      rule,
      change: pick((s) => s.covered.populationShare),
      pointsChange: true,
      list: { current: "true" },
    },
    {
      key: "total",
      label: t("figures.total"),
      value: format.integer(summary.total),
      definition: t("figures.totalDef"),
      change: pick((s) => s.total),
      list: {},
    },
    {
      key: "expiring",
      label: t("figures.expiring", { months: String(summary.rules.expiringMonths) }),
      value: format.integer(summary.expiring),
      definition: t("figures.expiringDef", { months: String(summary.rules.expiringMonths) }),
      rule,
      change: pick((s) => s.expiring),
      list: { expiring: "true" },
    },
    {
      key: "stale",
      label: t("figures.stale"),
      value: format.integer(summary.stale),
      definition: t("figures.staleDef", { months: String(summary.rules.staleMonths) }),
      change: pick((s) => s.stale),
      list: { stale: "true" },
    },
  ];

  const byStatus: Figure[] = STATUS_ORDER.map((status) => ({
    key: status,
    label: t(`status.${status}`),
    value: format.integer(summary.byStatus[status]),
    definition: t("figures.statusDef", { status: t(`status.${status}`) }),
    change: pick((s) => s.byStatus[status]),
    list: { status },
  }));

  const changeText = ([now, then]: [number, number], points: boolean | undefined) => {
    const delta = now - then;
    // A change of a share is a difference of percentages: percentage points, not per cent.
    const rounded = points ? Math.round(delta * 1000) : delta;
    const value = points
      ? rounded === 0
        ? "±0"
        : tw("points", { value: signedChange(rounded / 10, format.points) })
      : signedChange(delta, format.integer);
    const words =
      rounded > 0 ? t("figures.increase", { value }) : rounded < 0 ? t("figures.decrease", { value }) : t("figures.unchanged");
    return t("figures.change", { date: compare ? format.date(compare.asOf) : "", change: words });
  };

  const renderFigure = (figure: Figure, withSwatch: boolean) => (
    <div className="figures__item" key={figure.key} data-figure={figure.key}>
      <dt>
        {withSwatch ? <StatusSwatch status={figure.key as (typeof STATUS_ORDER)[number]} /> : null}
        {figure.label} <Definition label={figure.label} text={figure.definition} />
      </dt>
      <dd className="figures__value">{figure.value}</dd>
      {figure.detail ? <dd className="figures__detail">{figure.detail}</dd> : null}
      {figure.rule ? <dd className="figures__rule">{figure.rule}</dd> : null}
      {figure.change ? <dd className="figures__change">{changeText(figure.change, figure.pointsChange)}</dd> : null}
      {figure.list && listFilters ? (
        <dd className="figures__link no-print">
          <Link to={listHref({ ...listFilters, ...figure.list })}>
            {tw("figureList")}
            <span className="visually-hidden">: {figure.label}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );

  return (
    <>
      <dl className="figures dashboard-figures">{main.map((figure) => renderFigure(figure, false))}</dl>
      <h3>{t("figures.byStatusHeading")}</h3>
      <dl className="figures dashboard-figures dashboard-figures--status">
        {byStatus.map((figure) => renderFigure(figure, true))}
      </dl>
    </>
  );
});
