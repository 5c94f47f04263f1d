import type { District, Status, StatusMapItem } from "@insek/contracts";
import { type ExtendedFeature, type ExtendedFeatureCollection, geoMercator, geoPath } from "d3-geo";
import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  memo,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { feature, neighbors } from "topojson-client";
import { paths } from "../../../lib/paths";
import { LoadingState } from "../../../components/query-state";
import {
  BASE_GEOMETRY_DATE,
  type SaxonyTopology,
  composeMunicipalities,
  territorialChangesBetween,
} from "@insek/refdata/compose";
import type { SaxonyBaseTopology } from "../api/get-saxony-geo";
import { useStatusMap } from "../api/get-status-map";
import { ARROW_DIRECTIONS, type Point, nextInDirection } from "../map-navigation";
import { type OverviewParams, matchesFilters } from "../overview-params";
import { STATUS_ORDER, patternId } from "../status-style";
import { useDashboardFormat } from "../use-dashboard-format";
import { useJointConcepts } from "../api/get-joint-concepts";
import { JointOutlineList, JointOutlinePaths, jointOutlines } from "./joint-concept-outlines";
import { StatusSwatch, statusPatternDefs } from "./status-patterns";

interface Props {
  /** The 2016 base shapes: the municipalities of params.asOf are composed from them. */
  topology: SaxonyBaseTopology;
  municipalities: readonly StatusMapItem[];
  /**
   * The date of `municipalities` (the status map's asOf). The shapes are composed for it, not for
   * params.asOf: while a new date's statuses load, the previous ones stay, and so do their shapes.
   */
  municipalitiesAsOf: string;
  districts: readonly District[];
  params: OverviewParams;
  /** The AGS of the chosen association's members on params.asOf (null: none chosen, or still loading). */
  associationMembers?: ReadonlySet<string> | null;
}

type ShapeProps = { ags?: string; name?: string } | null;
type Shape = ExtendedFeature<ExtendedFeature["geometry"], ShapeProps>;
type Shapes = ExtendedFeatureCollection<Shape>;

const WIDTH = 800;
const HEIGHT = 640;
const PREFIX = "map";

function municipalityShapes(topology: SaxonyTopology): Shapes {
  return feature(topology, topology.objects.municipalities);
}

const agsOf = (shape: Shape) => String(shape.properties?.ags ?? shape.id ?? "");

interface ShapeLinkProps {
  ags: string;
  /** The SVG path, computed once per geometry and projection (not on a new date). */
  d: string;
  status: Status | "missing";
  dim: boolean;
  label: string;
  /** The map's one tab stop (roving tabindex): all other shapes are reached with the arrow keys. */
  tabbable: boolean;
  onOpen: (ags: string) => void;
  /** Hover and focus show a municipality (`focused`: by focus, which also moves the tab stop to it). */
  onActive: (ags: string | null, leaving?: string, focused?: boolean) => void;
  onKey: (ags: string, event: KeyboardEvent) => void;
  /** A tap: true when it should open the municipality (the second tap on the same one). */
  onTap: (ags: string) => boolean;
}

/**
 * One municipality on the map. Memoised: a new date or filter re-renders only the shapes whose
 * status, dimming, label or tab stop changed, and never recomputes a path.
 */
const ShapeLink = memo(function ShapeLink({ ags, d, status, dim, label, tabbable, onOpen, onActive, onKey, onTap }: ShapeLinkProps) {
  const touch = useRef(false);
  const onPointerDown = (event: PointerEvent) => {
    touch.current = event.pointerType === "touch" || event.pointerType === "pen";
  };
  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    // On touch there is no hover: the first tap shows the municipality, a second tap opens it.
    if (touch.current && !onTap(ags)) return;
    onOpen(ags);
  };
  return (
    <a
      href={paths.municipality(ags)}
      className={dim ? "map-shape map-shape--dim" : "map-shape"}
      aria-label={label}
      data-ags={ags}
      tabIndex={tabbable ? 0 : -1}
      onPointerDown={onPointerDown}
      onClick={onClick}
      onKeyDown={(event) => onKey(ags, event)}
      onFocus={() => onActive(ags, undefined, true)}
      onBlur={() => onActive(null, ags)}
      onMouseEnter={() => onActive(ags)}
      onMouseLeave={() => onActive(null, ags)}
    >
      <path d={d} fill={`url(#${patternId(PREFIX, status)})`} />
    </a>
  );
});

/** The coverage map: patterns per status, keyboard-operable shapes, zoom to a district, and a list alternative. */
function CoverageMap({ topology, municipalities, municipalitiesAsOf, districts, params, associationMembers = null }: Props) {
  const { t } = useTranslation("dashboard");
  const { t: tw } = useTranslation("workflows");
  const { t: tc } = useTranslation("concepts");
  const format = useDashboardFormat();
  const navigate = useNavigate();
  const id = useId();
  const hintId = `${id}-hint`;
  const [zoomKey, setZoomKey] = useState("");
  const [active, setActive] = useState<string | null>(null);
  const [showList, setShowList] = useState(false);
  /** The shape holding the map's tab stop: the last one focused (the first by AGS to begin with). */
  const [focusAgs, setFocusAgs] = useState<string | null>(null);
  /** The shape a touch showed (its tooltip is up); tapping it again opens it. */
  const [tapped, setTapped] = useState<string | null>(null);
  const tappedRef = useRef<string | null>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [showJoint, setShowJoint] = useState(false);
  const jointConcepts = useJointConcepts(showJoint);

  // The municipalities of the date: composed once per territorial state and cached, so every date of
  // one state gives the same object and nothing below is recomputed for it.
  const composed = composeMunicipalities(topology, municipalitiesAsOf);
  const shapes = useMemo(() => {
    const fc = municipalityShapes(composed);
    // Focus order: by AGS, i.e. district by district.
    return { ...fc, features: [...fc.features].sort((a, b) => agsOf(a).localeCompare(agsOf(b))) };
  }, [composed]);
  // The district outlines do not change with the date.
  const outlines = useMemo(() => feature(topology, topology.objects.districts) as unknown as Shapes, [topology]);
  const records = useMemo(() => new Map(municipalities.map((m) => [m.ags, m])), [municipalities]);

  const path = useMemo(() => {
    // Fitted to the district outlines (the same on every date), not to the municipalities of the date.
    const target = outlines.features.find((d) => String(d.id ?? d.properties?.ags ?? "") === zoomKey) ?? outlines;
    return geoPath(geoMercator().fitSize([WIDTH, HEIGHT], target));
  }, [outlines, zoomKey]);
  // Path strings per shape and projection, keyed by the shape's arcs: a municipality that a territorial
  // change leaves alone keeps the same arcs array in every state, so a new date within a state computes
  // no path and one across a change only those of the changed municipalities (d3-geo is the costly part).
  const pathsByArcs = useMemo(() => new WeakMap<object, string>(), [path]);
  const shapePaths = useMemo(() => {
    const result = new Map<string, string>();
    for (const geometry of composed.objects.municipalities.geometries) {
      const key = "arcs" in geometry ? geometry.arcs : geometry;
      let d = pathsByArcs.get(key);
      if (d === undefined) {
        d = path(feature(composed, geometry)) ?? "";
        pathsByArcs.set(key, d);
      }
      result.set(String(geometry.id), d);
    }
    return result;
  }, [composed, path, pathsByArcs]);
  const joint = useMemo(
    () => (showJoint && jointConcepts.data ? jointOutlines(composed, jointConcepts.data.items, path) : null),
    [showJoint, jointConcepts.data, composed, path],
  );
  const outlinePaths = useMemo(
    () => outlines.features.map((outline) => ({ key: String(outline.id), d: path(outline) ?? "" })),
    [outlines, path],
  );

  // Arrow keys: neighbours share a border (an arc) in the composed topology; directions by centroid.
  const neighbourMap = useMemo(() => {
    const geometries = composed.objects.municipalities.geometries;
    const ids = geometries.map((geometry) => String(geometry.id));
    const lists = neighbors(geometries);
    return new Map(ids.map((ags, index) => [ags, (lists[index] ?? []).map((other) => ids[other] ?? "")]));
  }, [composed]);
  const centroids = useMemo(
    () => new Map<string, Point>(shapes.features.map((shape) => [agsOf(shape), path.centroid(shape) as Point])),
    [shapes, path],
  );
  const firstAgs = shapes.features[0] ? agsOf(shapes.features[0]) : null;
  const tabStop = focusAgs !== null && centroids.has(focusAgs) ? focusAgs : firstAgs;
  const navigation = useRef({ centroids, neighbourMap, order: shapes.features.map(agsOf) });
  navigation.current = { centroids, neighbourMap, order: shapes.features.map(agsOf) };

  // The filter part of the view: a new date alone (before its statuses arrive) re-renders no shape.
  const { district, type, status: statusFilter, sizeClass, association } = params;
  const filter = useMemo(
    () => ({ district, type, status: statusFilter, sizeClass, association, members: associationMembers }),
    [district, type, statusFilter, sizeClass, association, associationMembers],
  );

  const statusOf = (ags: string): Status | "missing" => records.get(ags)?.status ?? "missing";
  const statusLabel = (status: Status | "missing") => t(`status.${status}`);
  const matches = (ags: string) => {
    const record = records.get(ags);
    if (!record) return false;
    return matchesFilters(filter, record);
  };
  const nameOf = (shape: Shape) => records.get(agsOf(shape))?.displayName ?? shape.properties?.name ?? agsOf(shape);

  const open = useCallback((ags: string) => void navigate(paths.municipality(ags)), [navigate]);
  const onActive = useCallback((ags: string | null, leaving?: string, focused?: boolean) => {
    setActive((current) => (ags !== null ? ags : current === leaving ? null : current));
    if (ags !== null && focused) setFocusAgs(ags);
  }, []);
  const focusShape = useCallback((ags: string) => {
    setFocusAgs(ags);
    frameRef.current?.querySelector<SVGAElement>(`a.map-shape[data-ags="${ags}"]`)?.focus();
  }, []);
  const onKey = useCallback(
    (ags: string, event: KeyboardEvent) => {
      const { centroids: points, neighbourMap: borders, order } = navigation.current;
      const direction = ARROW_DIRECTIONS[event.key];
      let target: string | null | undefined;
      if (direction) target = nextInDirection(ags, direction, points, borders);
      else if (event.key === "Home") target = order[0];
      else if (event.key === "End") target = order[order.length - 1];
      else if (event.key === "Enter") {
        event.preventDefault();
        open(ags);
        return;
      } else return;
      event.preventDefault();
      if (target) focusShape(target);
    },
    [focusShape, open],
  );
  const onTap = useCallback((ags: string) => {
    const second = tappedRef.current === ags;
    tappedRef.current = ags;
    setTapped(ags);
    setActive(ags);
    setFocusAgs(ags);
    return second;
  }, []);

  const shapeLinks = useMemo(() => {
    // Six labels, looked up once, not twice per municipality.
    const labels = new Map([...STATUS_ORDER, "missing" as const].map((status) => [status, t(`status.${status}`)]));
    const filteredOut = t("map.filteredOut");
    return shapes.features.map((shape) => {
      const ags = agsOf(shape);
      const record = records.get(ags);
      const status: Status | "missing" = record?.status ?? "missing";
      const inFilter = record ? matchesFilters(filter, record) : false;
      const name = record?.displayName ?? shape.properties?.name ?? ags;
      const label = t("map.shape", { name, status: labels.get(status) ?? status });
      return (
        <ShapeLink
          key={ags}
          ags={ags}
          d={shapePaths.get(ags) ?? ""}
          status={status}
          dim={!inFilter}
          label={inFilter ? label : `${label} (${filteredOut})`}
          tabbable={ags === tabStop}
          onOpen={open}
          onActive={onActive}
          onKey={onKey}
          onTap={onTap}
        />
      );
    });
  }, [shapes, records, filter, shapePaths, t, open, onActive, onKey, onTap, tabStop]);

  // Compare mode: what differs between the municipalities of the two dates (the map shows params.asOf).
  const changes = useMemo(
    () => (params.compare ? territorialChangesBetween(topology, params.compare, params.asOf) : []),
    [topology, params.compare, params.asOf],
  );
  const [earlier, later] = params.compare && params.compare < params.asOf ? [params.compare, params.asOf] : [params.asOf, params.compare ?? params.asOf];

  const activeShape = active ? shapes.features.find((s) => agsOf(s) === active) : undefined;
  const tooltipAt = activeShape ? path.centroid(activeShape) : null;
  const listed = municipalities.filter((m) => matches(m.ags));
  const listId = `${id}-list`;
  // Compare mode: the list shows each municipality's status on the comparison date too (loaded with the list).
  const compareMap = useStatusMap(params.compare ?? municipalitiesAsOf, showList && params.compare !== null);
  const statusThen = useMemo(
    () =>
      params.compare !== null && compareMap.data?.asOf === params.compare
        ? new Map(compareMap.data.items.map((m) => [m.ags, m.status]))
        : null,
    [params.compare, compareMap.data],
  );

  return (
    <div className="coverage-map">
      <div className="coverage-map__controls no-print">
        <label htmlFor={`${id}-zoom`}>{t("map.zoom")}</label>
        <select id={`${id}-zoom`} value={zoomKey} onChange={(event) => setZoomKey(event.target.value)}>
          <option value="">{t("map.zoomAll")}</option>
          {districts.map((district) => (
            <option key={district.key} value={district.key}>
              {district.name}
            </option>
          ))}
        </select>
        <span className="coverage-map__toggle">
          <input id={`${id}-joint`} type="checkbox" checked={showJoint} onChange={(event) => setShowJoint(event.target.checked)} aria-describedby={`${id}-joint-hint`} />
          <label htmlFor={`${id}-joint`}>{tc("map.outlineJoint")}</label>
        </span>
      </div>
      <p className="coverage-map__hint coverage-map__hint--keys no-print" id={hintId}>
        {tw("map.keyHint")}
      </p>
      <p className="coverage-map__hint coverage-map__hint--touch no-print">{tw("map.touchHint")}</p>
      <p className="coverage-map__hint no-print" id={`${id}-joint-hint`}>
        {tc("map.outlineHint")}
      </p>
      {params.asOf < BASE_GEOMETRY_DATE ? (
        <p className="coverage-map__note">{t("map.before2016", { date: format.date(params.asOf) })}</p>
      ) : null}
      {changes.length > 0 ? (
        <section className="coverage-map__changes" aria-labelledby={`${id}-changes`}>
          <h3 id={`${id}-changes`}>{t("map.changesHeading", { from: format.date(earlier), to: format.date(later) })}</h3>
          <p>{t("map.changesIntro", { earlier: format.date(earlier), later: format.date(later), asOf: format.date(params.asOf) })}</p>
          <ul>
            {changes.map((change) => (
              <li key={`${change.date}-${change.successor.ags}`} data-change={change.successor.ags}>
                {format.date(change.date)}:{" "}
                {change.dissolved.map((m, index) => (
                  <span key={m.ags}>
                    {index > 0 ? t("map.and") : null}
                    <Link to={paths.municipality(m.ags)}>{m.name}</Link>
                  </span>
                ))}{" "}
                → <Link to={paths.municipality(change.successor.ags)}>{change.successor.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="coverage-map__frame" ref={frameRef}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="coverage-map__svg"
          role="group"
          aria-label={t("map.label", { date: format.date(params.asOf) })}
          aria-describedby={hintId}
        >
          {statusPatternDefs(PREFIX)}
          <g className="coverage-map__municipalities">
            {shapeLinks}
          </g>
          <g className="coverage-map__districts" aria-hidden="true">
            {outlinePaths.map((outline) => (
              <path key={outline.key} d={outline.d} />
            ))}
          </g>
          {joint ? <JointOutlinePaths outlines={joint} /> : null}
          {activeShape && active ? (
            <path className="coverage-map__active" d={shapePaths.get(active) ?? ""} aria-hidden="true" />
          ) : null}
        </svg>
        {activeShape && tooltipAt && Number.isFinite(tooltipAt[0]) ? (
          <div
            className="coverage-map__tooltip"
            aria-hidden="true"
            style={{ left: `${(tooltipAt[0] / WIDTH) * 100}%`, top: `${(tooltipAt[1] / HEIGHT) * 100}%` }}
          >
            <strong>{nameOf(activeShape)}</strong>
            <br />
            {statusLabel(statusOf(agsOf(activeShape)))}
            {tapped === active ? (
              <>
                <br />
                {tw("map.tapAgain")}
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <section className="coverage-map__legend" aria-label={t("map.legend")}>
        <h3>{t("map.legend")}</h3>
        <ul className="plain-list legend-list">
          {[...STATUS_ORDER, "missing" as const].map((status) => (
            <li key={status}>
              <StatusSwatch status={status} /> {statusLabel(status)}
            </li>
          ))}
          {joint ? (
            <li>
              <svg className="joint-swatch" width="28" height="16" aria-hidden="true" focusable="false">
                <rect x="2" y="2" width="24" height="12" />
              </svg>{" "}
              {tc("map.legendJoint")}
            </li>
          ) : null}
        </ul>
      </section>
      {showJoint ? (
        jointConcepts.isError ? (
          <p className="notice notice--error" role="alert">{jointConcepts.error.message}</p>
        ) : joint ? (
          <JointOutlineList outlines={joint} headingId={`${id}-joint-list`} />
        ) : (
          <LoadingState />
        )
      ) : null}
      <button
        type="button"
        className="button button--secondary no-print"
        aria-expanded={showList}
        aria-controls={listId}
        onClick={() => setShowList((shown) => !shown)}
      >
        {showList ? t("map.hideList") : t("map.showList")}
      </button>
      <div id={listId} className="no-print" hidden={!showList}>
        {showList ? (
          <div className="table-scroll" role="region" aria-label={t("map.listCaption", { date: format.date(params.asOf) })} tabIndex={0}>
            <table className="data-table">
              <caption>{t("map.listCaption", { date: format.date(params.asOf) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("map.columnName")}</th>
                  <th scope="col">{t("map.columnDistrict")}</th>
                  {params.compare !== null ? (
                    <>
                      <th scope="col">{tw("map.columnStatusOn", { date: format.date(params.compare) })}</th>
                      <th scope="col">{tw("map.columnStatusOn", { date: format.date(params.asOf) })}</th>
                    </>
                  ) : (
                    <th scope="col">{t("map.columnStatus")}</th>
                  )}
                </tr>
              </thead>
              <tbody>
                {listed.map((m) => (
                  <tr key={m.ags}>
                    <th scope="row">
                      <Link to={paths.municipality(m.ags)}>{m.displayName}</Link>
                    </th>
                    <td>{m.districtName}</td>
                    {params.compare !== null ? (
                      <td data-status-then={statusThen?.get(m.ags) ?? ""}>
                        {statusThen === null ? (
                          "…"
                        ) : statusThen.has(m.ags) ? (
                          <>
                            <StatusSwatch status={statusThen.get(m.ags) ?? "missing"} /> {statusLabel(statusThen.get(m.ags) ?? "missing")}
                          </>
                        ) : (
                          statusLabel("missing")
                        )}
                      </td>
                    ) : null}
                    <td>
                      <StatusSwatch status={m.status} /> {statusLabel(m.status)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** Memoised: the page re-renders on every query state change; the map only when its inputs change. */
export default memo(CoverageMap);
