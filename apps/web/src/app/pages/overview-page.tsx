import { todayInSaxony } from "@insek/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, lazy, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { MunicipalityPicker } from "../../components/municipality-picker";
import { ErrorState, LoadingState, QueryState } from "../../components/query-state";
import { useDistrictStats } from "../../features/dashboard/api/get-district-stats";
import { useSaxonyGeo } from "../../features/dashboard/api/get-saxony-geo";
import { useStatusMap } from "../../features/dashboard/api/get-status-map";
import { prefetchOverview } from "../../features/dashboard/api/prefetch-overview";
import { useSummary } from "../../features/dashboard/api/get-summary";
import { useTimeline } from "../../features/dashboard/api/get-timeline";
import { DistrictComparison } from "../../features/dashboard/components/district-comparison";
import { DistrictPrintTable } from "../../features/dashboard/components/district-print-table";
import { KeyFigures } from "../../features/dashboard/components/key-figures";
import { OverviewControls } from "../../features/dashboard/components/overview-controls";
import "../../features/dashboard/dashboard.css";
import {
  type OverviewPatch,
  parseOverviewParams,
  patchOverviewSearch,
  statsFilters,
} from "../../features/dashboard/overview-params";
import { useDashboardFormat } from "../../features/dashboard/use-dashboard-format";
import { useDistricts } from "../../lib/api/get-districts";
import { useAssociations } from "../../features/associations/api/get-associations";
import { DistrictTable } from "../../features/districts/components/district-table";
import { summarizeDistricts } from "../../features/districts/district-summary";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

// Charts (recharts) and the map (d3-geo, topojson) are separate chunks, loaded after the first render.
const OverviewCharts = lazy(() => import("../../features/dashboard/components/overview-charts"));
const CoverageMap = lazy(() => import("../../features/dashboard/components/coverage-map"));

export function OverviewPage() {
  const { t } = useTranslation();
  const { t: td } = useTranslation("dashboard");
  const { t: tw } = useTranslation("workflows");
  const navigate = useNavigate();
  // On a phone the date and filter fields are folded away behind one button (dashboard.css), so that the
  // key figures come first; on wider screens the button is hidden and the fields always shown.
  const [controlsOpen, setControlsOpen] = useState(false);
  const controlsId = useId();
  const format = useDashboardFormat();
  useDocumentTitle(t("overview.title"));
  const today = useMemo(() => todayInSaxony(), []);
  const [search, setSearch] = useSearchParams();
  const searchKey = search.toString();
  // One object per view, so that the memoised figures, charts and map skip the renders of other changes.
  const params = useMemo(() => parseOverviewParams(new URLSearchParams(searchKey), today), [searchKey, today]);
  // From the address bar, not the rendered params: react-router renders URL changes in a transition,
  // so two quick changes would otherwise start from the same stale view and the first would be lost.
  const queryClient = useQueryClient();
  const update = (patch: OverviewPatch) => {
    const next = patchOverviewSearch(new URLSearchParams(window.location.search), patch, today);
    prefetchOverview(queryClient, parseOverviewParams(next, today));
    setSearch(next);
  };

  const filters = statsFilters(params);
  // The order of the hooks is the order of the requests on a new date; the embedded database answers
  // one at a time, so the key figures' summary goes first, then the charts' and the map's data.
  const summary = useSummary({ asOf: params.asOf, ...filters });
  const compare = useSummary({ asOf: params.compare ?? params.asOf, ...filters }, params.compare !== null);
  const districtStats = useDistrictStats({ asOf: params.asOf, ...filters });
  const compareDistrictStats = useDistrictStats({ asOf: params.compare ?? params.asOf, ...filters }, params.compare !== null);
  // Only the comparison date's own figures (not the placeholder of another date while they load).
  const compareDistricts =
    params.compare !== null && compareDistrictStats.data?.asOf === params.compare ? compareDistrictStats.data : undefined;
  const statusMap = useStatusMap(params.asOf);
  const timeline = useTimeline({ to: params.asOf, ...filters });
  const geo = useSaxonyGeo();
  const districts = useDistricts();
  const districtItems = useMemo(() => districts.data?.items ?? [], [districts.data]);
  // The associations of the view's date, with their members then (the map highlights the chosen one's).
  const associations = useAssociations(params.asOf);
  const associationItems = useMemo(() => associations.data?.items ?? [], [associations.data]);
  const associationName = params.association
    ? associationItems.find((a) => a.key === params.association)?.name ?? params.association
    : null;
  const associationMembers = useMemo(() => {
    if (!params.association || !associations.data || associations.isPlaceholderData) return null;
    const chosen = associations.data.items.find((a) => a.key === params.association);
    return new Set(chosen?.members.map((m) => m.ags) ?? []);
  }, [params.association, associations.data, associations.isPlaceholderData]);

  const activeFilters = [
    params.district ? districtItems.find((d) => d.key === params.district)?.name ?? params.district : null,
    associationName,
    params.status ? td(`status.${params.status}`) : null,
    params.type ? t(`municipalityType.${params.type}`) : null,
    params.sizeClass ? format.sizeClass(params.sizeClass) : null,
  ].filter((value): value is string => value !== null);

  // The municipality list shows today and knows no size classes: the figures link to it only then.
  const listFilters =
    params.asOf === today && !params.sizeClass
      ? {
          ...(params.district ? { district: params.district } : {}),
          ...(params.association ? { association: params.association } : {}),
          ...(params.type ? { type: params.type } : {}),
        }
      : undefined;

  const rules = summary.data?.rules;
  const chartScope = useMemo(() => {
    const scoped = [
      params.district ? districtItems.find((d) => d.key === params.district)?.name ?? params.district : null,
      associationName,
      params.type ? t(`municipalityType.${params.type}`) : null,
      params.sizeClass ? format.sizeClass(params.sizeClass) : null,
    ].filter((value): value is string => value !== null);
    return scoped.length > 0 ? td("charts.scopeFiltered", { filters: scoped.join(", ") }) : td("charts.scopeAll");
  }, [params.district, associationName, params.type, params.sizeClass, districtItems, format, t, td]);
  const districtTable = useMemo(
    () => (districts.data ? <DistrictTable items={districts.data.items} summary={summarizeDistricts(districts.data.items)} /> : null),
    [districts.data],
  );

  return (
    <div className="overview">
      <h1>{t("overview.title")}</h1>
      <p className="lead">{td("intro")}</p>
      <div className="print-only print-header">
        <p>
          <strong>{td("printTitle", { date: format.date(params.asOf) })}</strong>
        </p>
      </div>

      <div className="overview-search no-print">
        <MunicipalityPicker
          inputId="overview-search"
          label={tw("search.label")}
          value={[]}
          max={1}
          onChange={(picked) => {
            const [first] = picked;
            if (first) void navigate(paths.municipality(first.ags));
          }}
        />
      </div>

      <section aria-labelledby="controls-heading" className="no-print">
        <h2 id="controls-heading">{td("controlsHeading")}</h2>
        <button
          type="button"
          className="button button--secondary dashboard-controls-toggle"
          aria-expanded={controlsOpen}
          aria-controls={controlsId}
          onClick={() => setControlsOpen((open) => !open)}
        >
          {controlsOpen ? tw("controls.hide") : tw("controls.show")}
        </button>
        <div id={controlsId} className={controlsOpen ? "dashboard-controls-wrap" : "dashboard-controls-wrap dashboard-controls-wrap--folded"}>
          <OverviewControls
            params={params}
            today={today}
            districts={districtItems}
            associations={associationItems}
            onChange={update}
          />
        </div>
      </section>

      {activeFilters.length > 0 ? <p className="dashboard-filters no-print">{td("filtered", { filters: activeFilters.join(", ") })}</p> : null}
      {rules ? (
        <p className={controlsOpen ? "dashboard-rules no-print" : "dashboard-rules dashboard-rules--folded no-print"}>
          {td("rulesFull", {
            years: String(rules.currencyYears),
            expiring: String(rules.expiringMonths),
            stale: String(rules.staleMonths),
          })}
        </p>
      ) : null}

      <section aria-labelledby="figures-heading" aria-busy={summary.isFetching}>
        <h2 id="figures-heading">{td("figuresHeading", { date: format.date(params.asOf) })}</h2>
        <QueryState query={summary}>
          {(data) => <KeyFigures summary={data} compare={params.compare ? compare.data : undefined} listFilters={listFilters} />}
        </QueryState>
      </section>

      <section aria-labelledby="charts-heading" className="no-print">
        <h2 id="charts-heading">{td("charts.heading")}</h2>
        {summary.isError || districtStats.isError || timeline.isError ? (
          <ErrorState error={summary.error ?? districtStats.error ?? timeline.error} />
        ) : summary.data && districtStats.data && timeline.data ? (
          <Suspense fallback={<LoadingState />}>
            <OverviewCharts
              summary={summary.data}
              districtStats={districtStats.data}
              compareStats={compareDistricts}
              timeline={timeline.data}
              district={params.district}
              scope={chartScope}
            />
          </Suspense>
        ) : (
          <LoadingState />
        )}
      </section>

      <section aria-labelledby="map-heading" className="map-section">
        <h2 id="map-heading">{td("map.heading")}</h2>
        {geo.isError || statusMap.isError ? (
          <ErrorState error={geo.error ?? statusMap.error} />
        ) : geo.data && statusMap.data ? (
          <Suspense fallback={<LoadingState />}>
            <CoverageMap
              topology={geo.data}
              municipalities={statusMap.data.items}
              municipalitiesAsOf={statusMap.data.asOf}
              districts={districtItems}
              params={params}
              associationMembers={associationMembers}
            />
          </Suspense>
        ) : (
          <LoadingState />
        )}
      </section>

      {params.compare !== null ? (
        <section aria-labelledby="comparison-heading" className="district-comparison-section">
          <h2 id="comparison-heading">{tw("comparison.heading")}</h2>
          <p className="no-print">{tw("comparison.hint")}</p>
          {compareDistrictStats.isError || districtStats.isError ? (
            <ErrorState error={compareDistrictStats.error ?? districtStats.error} />
          ) : districtStats.data && compareDistricts ? (
            <DistrictComparison now={districtStats.data} then={compareDistricts} />
          ) : (
            <LoadingState />
          )}
        </section>
      ) : null}

      <section aria-labelledby="districts-heading" className="no-print">
        <h2 id="districts-heading">{t("overview.districtsHeading")}</h2>
        <p>{t("overview.districtsHint")}</p>
        <QueryState query={districts}>
          {() => districtTable}
        </QueryState>
      </section>

      {params.compare === null && districtStats.data ? (
        <section className="print-only print-districts">
          <DistrictPrintTable stats={districtStats.data} />
        </section>
      ) : null}

      <footer className="print-only print-footer">
        <p>{activeFilters.length > 0 ? td("filtered", { filters: activeFilters.join(", ") }) : tw("print.noFilters")}</p>
        {rules ? (
          <p>
            {td("rulesFull", {
              years: String(rules.currencyYears),
              expiring: String(rules.expiringMonths),
              stale: String(rules.staleMonths),
            })}
          </p>
        ) : null}
        <p>
          {params.compare
            ? tw("print.dataDateCompare", { date: format.date(params.asOf), compare: format.date(params.compare), today: format.date(today) })
            : tw("print.dataDate", { date: format.date(params.asOf), today: format.date(today) })}
          {summary.data?.demo ? ` ${td("demo")}` : ""}
        </p>
        <p>
          {t("footer.registryCredit")}; {t("footer.geometryCredit")}
        </p>
      </footer>
    </div>
  );
}
