import { todayInSaxony } from "@insek/contracts";
import { Suspense, lazy, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DateField, SelectField } from "../../components/form/field";
import { isIsoDate } from "../../components/form/german-date";
import { ErrorState, LoadingState, QueryState } from "../../components/query-state";
import { useSaxonyGeo } from "../../features/dashboard/api/get-saxony-geo";
import { useStatusMap } from "../../features/dashboard/api/get-status-map";
import "../../features/dashboard/dashboard.css";
import { EARLIEST_DATE, parseOverviewParams } from "../../features/dashboard/overview-params";
import { useAtRisk, useFundingStats, useMeasures, useProgrammes } from "../../features/funding/api";
import { AtRiskTable } from "../../features/funding/components/at-risk-table";
import { EligibleList } from "../../features/funding/components/eligible-list";
import { FundingFigures } from "../../features/funding/components/funding-figures";
import { municipalitiesRunning } from "../../features/funding/funding-model";
import "../../features/funding/funding.css";
import { useDistricts } from "../../lib/api/get-districts";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useFormatters } from "../../lib/use-formatters";

// Charts (recharts) and the map (d3-geo, topojson) are separate chunks, as on the overview.
const FundingCharts = lazy(() => import("../../features/funding/components/funding-charts"));
const CoverageMap = lazy(() => import("../../features/dashboard/components/coverage-map"));

/**
 * /foerderung: the funding figures on a date ("Stand am", kept in the address as on the overview), the measures
 * at risk first, the charts per programme and district, the map of a programme's municipalities (the overview's
 * map with its status patterns; the others faded) and the eligible municipalities without a concept.
 */
export function FundingPage() {
  const { t } = useTranslation("funding");
  const { t: td } = useTranslation("dashboard");
  useDocumentTitle(t("page.title"));
  const format = useFormatters();
  const id = useId();
  const today = useMemo(() => todayInSaxony(), []);
  const [search, setSearch] = useSearchParams();
  const asOf = parseOverviewParams(search, today).asOf;
  const user = useSession().data?.user;
  const staff = user?.role === "smr" || user?.role === "advisor";

  const programmes = useProgrammes();
  const programmeItems = useMemo(() => programmes.data?.items ?? [], [programmes.data]);
  const programmeNames = useMemo(() => new Map(programmeItems.map((p) => [p.id, p.name])), [programmeItems]);
  const chosen = search.get("programm");
  const programmeId = chosen && programmeNames.has(chosen) ? chosen : (programmeItems[0]?.id ?? "");

  const stats = useFundingStats(asOf);
  const atRisk = useAtRisk(asOf);
  const measures = useMeasures({ programme: programmeId, limit: 500 }, programmeId !== "");
  const geo = useSaxonyGeo();
  const statusMap = useStatusMap(asOf);
  const districts = useDistricts();
  const members = useMemo(
    () => (measures.data && !measures.isPlaceholderData ? municipalitiesRunning(measures.data.items, asOf) : null),
    [measures.data, measures.isPlaceholderData, asOf],
  );
  // The overview's map, with the programme's municipalities as its one filter (the others faded and labelled so).
  const mapParams = useMemo(() => ({ ...parseOverviewParams(new URLSearchParams({ asOf }), today), association: `programme:${programmeId}` }), [asOf, today, programmeId]);

  const patch = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };

  return (
    <div className="funding-page">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>
      {staff ? (
        <ul className="plain-list funding-links no-print">
          <li>
            <Link to={paths.fundingImport}>{t("page.importLink")}</Link>
          </li>
          <li>
            <Link to={paths.fundingProgrammes}>{t("page.programmesLink")}</Link>
          </li>
        </ul>
      ) : null}

      <section aria-labelledby={`${id}-controls`} className="no-print">
        <h2 id={`${id}-controls`}>{t("page.controlsHeading")}</h2>
        <form className="dashboard-controls" onSubmit={(event) => event.preventDefault()}>
          <DateField
            id={`${id}-asof`}
            className="dashboard-controls__field"
            label={td("asOf")}
            min={EARLIEST_DATE}
            max={today}
            value={asOf}
            onChange={(value) => {
              if (isIsoDate(value)) patch({ asOf: value === today ? null : value });
            }}
          />
        </form>
        {stats.data ? (
          <p className="dashboard-rules">{t("page.rules", { years: String(stats.data.currencyYears), expiring: String(stats.data.expiringMonths) })}</p>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-figures`} aria-busy={stats.isFetching}>
        <h2 id={`${id}-figures`}>{t("page.figuresHeading", { date: format.date(asOf) })}</h2>
        <QueryState query={stats}>{(data) => <FundingFigures stats={data} />}</QueryState>
      </section>

      <section aria-labelledby={`${id}-at-risk`} className="funding-at-risk">
        <h2 id={`${id}-at-risk`}>{t("atRisk.heading")}</h2>
        <p className="no-print">{t("atRisk.intro", { date: format.date(asOf) })}</p>
        <QueryState query={atRisk}>
          {(data) => <AtRiskTable items={data.items} asOf={data.asOf} programmeNames={programmeNames} busy={atRisk.isFetching} />}
        </QueryState>
      </section>

      <section aria-labelledby={`${id}-charts`} className="no-print">
        <h2 id={`${id}-charts`}>{t("charts.heading")}</h2>
        <QueryState query={stats}>
          {(data) => (
            <Suspense fallback={<LoadingState />}>
              <FundingCharts stats={data} />
            </Suspense>
          )}
        </QueryState>
      </section>

      <section aria-labelledby={`${id}-map`} className="map-section">
        <h2 id={`${id}-map`}>{t("map.heading")}</h2>
        <p className="no-print">{t("map.intro")}</p>
        {programmeItems.length > 0 ? (
          <SelectField id={`${id}-programme`} label={t("map.programme")} value={programmeId} onChange={(event) => patch({ programm: event.target.value })}>
            {programmeItems.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        {members ? (
          <p role="status" data-map-count={members.size}>
            {t("map.count", { count: measures.data ? new Set(measures.data.items.filter((m) => members.has(m.currentAgs)).map((m) => m.currentAgs)).size : 0, programme: programmeNames.get(programmeId) ?? "" })}
          </p>
        ) : null}
        {geo.isError || statusMap.isError || programmes.isError ? (
          <ErrorState error={geo.error ?? statusMap.error ?? programmes.error} />
        ) : geo.data && statusMap.data && programmes.data ? (
          <Suspense fallback={<LoadingState />}>
            <CoverageMap
              topology={geo.data}
              municipalities={statusMap.data.items}
              municipalitiesAsOf={statusMap.data.asOf}
              districts={districts.data?.items ?? []}
              params={mapParams}
              associationMembers={members}
            />
          </Suspense>
        ) : (
          <LoadingState />
        )}
      </section>

      <section aria-labelledby={`${id}-eligible`} className="funding-eligible">
        <h2 id={`${id}-eligible`}>{t("eligible.heading")}</h2>
        <QueryState query={programmes}>
          {(data) => <EligibleList programmes={data.items} programmeId={programmeId} onProgramme={(value) => patch({ programm: value })} asOf={asOf} />}
        </QueryState>
      </section>
    </div>
  );
}
