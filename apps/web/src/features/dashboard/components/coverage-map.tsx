import type { District, Status, StatusMapItem } from "@insek/contracts";
import { type ExtendedFeature, type ExtendedFeatureCollection, geoMercator, geoPath } from "d3-geo";
import { type KeyboardEvent, type MouseEvent, memo, useCallback, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { feature } from "topojson-client";
import { paths } from "../../../lib/paths";
import type { SaxonyTopology } from "../api/get-saxony-geo";
import { type OverviewParams, matchesFilters } from "../overview-params";
import { STATUS_ORDER, patternId } from "../status-style";
import { useDashboardFormat } from "../use-dashboard-format";
import { StatusSwatch, statusPatternDefs } from "./status-patterns";

interface Props {
  topology: SaxonyTopology;
  municipalities: readonly StatusMapItem[];
  districts: readonly District[];
  params: OverviewParams;
}

type ShapeProps = { ags?: string; name?: string } | null;
type Shape = ExtendedFeature<ExtendedFeature["geometry"], ShapeProps>;
type Shapes = ExtendedFeatureCollection<Shape>;

const WIDTH = 800;
const HEIGHT = 640;
const PREFIX = "map";

function collection(topology: SaxonyTopology, name: string): Shapes {
  const object = topology.objects[name];
  if (!object) return { type: "FeatureCollection", features: [] };
  const result = feature(topology, object) as unknown as Shapes | Shape;
  return "features" in result ? result : { type: "FeatureCollection", features: [result] };
}

const agsOf = (shape: Shape) => String(shape.properties?.ags ?? shape.id ?? "");

interface ShapeLinkProps {
  ags: string;
  /** The SVG path, computed once per geometry and projection (not on a new date). */
  d: string;
  status: Status | "missing";
  dim: boolean;
  label: string;
  onOpen: (ags: string) => void;
  onActive: (ags: string | null, leaving?: string) => void;
}

/**
 * One municipality on the map. Memoised: a new date or filter re-renders only the shapes whose
 * status, dimming or label changed, and never recomputes a path.
 */
const ShapeLink = memo(function ShapeLink({ ags, d, status, dim, label, onOpen, onActive }: ShapeLinkProps) {
  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    onOpen(ags);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter") {
      event.preventDefault();
      onOpen(ags);
    }
  };
  return (
    <a
      href={paths.municipality(ags)}
      className={dim ? "map-shape map-shape--dim" : "map-shape"}
      aria-label={label}
      data-ags={ags}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={() => onActive(ags)}
      onBlur={() => onActive(null, ags)}
      onMouseEnter={() => onActive(ags)}
      onMouseLeave={() => onActive(null, ags)}
    >
      <path d={d} fill={`url(#${patternId(PREFIX, status)})`} />
    </a>
  );
});

/** The coverage map: patterns per status, keyboard-operable shapes, zoom to a district, and a list alternative. */
function CoverageMap({ topology, municipalities, districts, params }: Props) {
  const { t } = useTranslation("dashboard");
  const format = useDashboardFormat();
  const navigate = useNavigate();
  const id = useId();
  const [zoomKey, setZoomKey] = useState("");
  const [active, setActive] = useState<string | null>(null);
  const [showList, setShowList] = useState(false);

  const shapes = useMemo(() => {
    const fc = collection(topology, "municipalities");
    // Focus order: by AGS, i.e. district by district.
    return { ...fc, features: [...fc.features].sort((a, b) => agsOf(a).localeCompare(agsOf(b))) };
  }, [topology]);
  const outlines = useMemo(() => collection(topology, "districts"), [topology]);
  const records = useMemo(() => new Map(municipalities.map((m) => [m.ags, m])), [municipalities]);

  const path = useMemo(() => {
    const target = outlines.features.find((d) => String(d.id ?? d.properties?.ags ?? "") === zoomKey) ?? shapes;
    return geoPath(geoMercator().fitSize([WIDTH, HEIGHT], target));
  }, [outlines, shapes, zoomKey]);
  // Path strings per geometry and projection: d3-geo runs only when the topology or the zoom changes.
  const shapePaths = useMemo(() => new Map(shapes.features.map((shape) => [agsOf(shape), path(shape) ?? ""])), [shapes, path]);
  const outlinePaths = useMemo(
    () => outlines.features.map((outline) => ({ key: String(outline.id), d: path(outline) ?? "" })),
    [outlines, path],
  );

  // The filter part of the view: a new date alone (before its statuses arrive) re-renders no shape.
  const { district, type, status: statusFilter, sizeClass } = params;
  const filter = useMemo(() => ({ district, type, status: statusFilter, sizeClass }), [district, type, statusFilter, sizeClass]);

  const statusOf = (ags: string): Status | "missing" => records.get(ags)?.status ?? "missing";
  const statusLabel = (status: Status | "missing") => t(`status.${status}`);
  const matches = (ags: string) => {
    const record = records.get(ags);
    if (!record) return false;
    return matchesFilters(filter, record);
  };
  const nameOf = (shape: Shape) => records.get(agsOf(shape))?.displayName ?? shape.properties?.name ?? agsOf(shape);

  const open = useCallback((ags: string) => void navigate(paths.municipality(ags)), [navigate]);
  const onActive = useCallback((ags: string | null, leaving?: string) => {
    setActive((current) => (ags !== null ? ags : current === leaving ? null : current));
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
          onOpen={open}
          onActive={onActive}
        />
      );
    });
  }, [shapes, records, filter, shapePaths, t, open, onActive]);

  const activeShape = active ? shapes.features.find((s) => agsOf(s) === active) : undefined;
  const tooltipAt = activeShape ? path.centroid(activeShape) : null;
  const listed = municipalities.filter((m) => matches(m.ags));
  const listId = `${id}-list`;

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
      </div>
      <p className="coverage-map__hint no-print">{t("map.hint")}</p>
      <div className="coverage-map__frame">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="coverage-map__svg"
          role="group"
          aria-label={t("map.label", { date: format.date(params.asOf) })}
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
        </ul>
      </section>
      <button
        type="button"
        className="button button--secondary no-print"
        aria-expanded={showList}
        aria-controls={listId}
        onClick={() => setShowList((shown) => !shown)}
      >
        {showList ? t("map.hideList") : t("map.showList")}
      </button>
      <div id={listId} hidden={!showList}>
        {showList ? (
          <div className="table-scroll" role="region" aria-label={t("map.listCaption", { date: format.date(params.asOf) })} tabIndex={0}>
            <table className="data-table">
              <caption>{t("map.listCaption", { date: format.date(params.asOf) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("map.columnName")}</th>
                  <th scope="col">{t("map.columnDistrict")}</th>
                  <th scope="col">{t("map.columnStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {listed.map((m) => (
                  <tr key={m.ags}>
                    <th scope="row">
                      <Link to={paths.municipality(m.ags)}>{m.displayName}</Link>
                    </th>
                    <td>{m.districtName}</td>
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
