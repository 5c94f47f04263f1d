import { type PracticeListItem, todayInSaxony } from "@insek/contracts";
import { type SaxonyBaseTopology, composeMunicipalities } from "@insek/refdata/compose";
import { geoMercator, geoPath } from "d3-geo";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { feature } from "topojson-client";
import { entriesPerMunicipality } from "../practice-map-model";

const WIDTH = 800;
const HEIGHT = 640;

interface Point {
  ags: string;
  name: string;
  count: number;
  x: number;
  y: number;
}

/**
 * The entries on the map of Saxony (the overview map's shapes, composed for today): a circle with the number
 * of entries on each municipality that has any. Each circle is a link to the catalogue filtered to that
 * municipality; the number and the shape, not a colour, carry the meaning, and the list beside it is the
 * text alternative.
 */
export function PracticesMap({ topology, items, hrefOf }: { topology: SaxonyBaseTopology; items: readonly PracticeListItem[]; hrefOf: (ags: string) => string }) {
  const { t } = useTranslation("practices");
  const id = useId();
  const composed = composeMunicipalities(topology, todayInSaxony());
  const { shapes, outlines, path } = useMemo(() => {
    const districts = feature(topology, topology.objects.districts);
    const projection = geoPath(geoMercator().fitSize([WIDTH, HEIGHT], districts));
    const municipalities = feature(composed, composed.objects.municipalities);
    return { shapes: municipalities.features, outlines: districts.features, path: projection };
  }, [topology, composed]);
  const shapePaths = useMemo(() => shapes.map((shape, index) => ({ key: String(shape.id ?? index), d: path(shape) ?? "" })), [shapes, path]);
  const outlinePaths = useMemo(() => outlines.map((outline, index) => ({ key: String(outline.id ?? index), d: path(outline) ?? "" })), [outlines, path]);
  const counts = entriesPerMunicipality(items);
  const points: Point[] = [];
  for (const shape of shapes) {
    const ags = String(shape.id ?? "");
    const entry = counts.get(ags);
    if (!entry) continue;
    const [x, y] = path.centroid(shape);
    if (Number.isFinite(x) && Number.isFinite(y)) points.push({ ags, name: entry.name, count: entry.count, x, y });
  }
  points.sort((a, b) => a.ags.localeCompare(b.ags));
  const highlighted = new Set(points.map((point) => point.ags));

  return (
    <div className="practices-map">
      <p className="hint" id={`${id}-hint`}>
        {t("list.mapIntro")}
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="practices-map__svg" role="group" aria-label={t("list.mapLabel")} aria-describedby={`${id}-hint`}>
        <g aria-hidden="true" className="practices-map__municipalities">
          {shapePaths.map((shape) => (
            <path key={shape.key} d={shape.d} className={highlighted.has(shape.key) ? "practices-map__shape practices-map__shape--has" : "practices-map__shape"} />
          ))}
        </g>
        <g aria-hidden="true" className="practices-map__districts">
          {outlinePaths.map((outline) => (
            <path key={outline.key} d={outline.d} />
          ))}
        </g>
        <g className="practices-map__points">
          {points.map((point) => (
            <Link key={point.ags} to={hrefOf(point.ags)} className="practices-map__point" data-ags={point.ags} aria-label={t("list.mapPoint", { name: point.name, count: point.count })}>
              <circle cx={point.x} cy={point.y} r={point.count > 9 ? 14 : 11} />
              <text x={point.x} y={point.y} dy="0.35em" textAnchor="middle" aria-hidden="true">
                {point.count}
              </text>
            </Link>
          ))}
        </g>
      </svg>
    </div>
  );
}
