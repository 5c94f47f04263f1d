import type { ConceptListItem } from "@insek/contracts";
import type { GeoPath } from "d3-geo";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { merge } from "topojson-client";
import type { SaxonyTopology } from "@insek/refdata/compose";
import { paths } from "../../../lib/paths";

/** A polygon or multipolygon of the topology, as topojson's merge takes them. */
type Shape = Extract<Parameters<typeof merge>[1], unknown[]>[number];

export interface JointOutline {
  id: number;
  title: string;
  d: string;
  /** Members existing on the map's date (a dissolved member has no shape of its own). */
  members: { ags: string; name: string; adopted: boolean }[];
  adoptedCount: number;
  memberCount: number;
}

/**
 * One outline per joint concept: its members' shapes merged (topojson's merge dissolves the borders between
 * them), so the concept reads as one area.
 */
export function jointOutlines(topology: SaxonyTopology, concepts: readonly ConceptListItem[], path: GeoPath): JointOutline[] {
  const byAgs = new Map<string, Shape>();
  for (const geometry of topology.objects.municipalities.geometries) {
    if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") byAgs.set(String(geometry.id), geometry);
  }
  return concepts.flatMap((concept) => {
    const shapes = concept.members.flatMap((member) => {
      const shape = byAgs.get(member.ags);
      return shape ? [shape] : [];
    });
    if (shapes.length === 0) return [];
    const d = path(merge(topology, shapes)) ?? "";
    return [
      {
        id: concept.id,
        title: concept.title,
        d,
        members: concept.members.filter((member) => byAgs.has(member.ags)),
        adoptedCount: concept.adoptedCount,
        memberCount: concept.memberCount,
      },
    ];
  });
}

/** The outlines on the map (decorative: the list below says the same in words). */
export function JointOutlinePaths({ outlines }: { outlines: readonly JointOutline[] }) {
  return (
    <g className="coverage-map__joint" aria-hidden="true">
      {outlines.map((outline) => (
        <path key={outline.id} d={outline.d} data-concept={outline.id} />
      ))}
    </g>
  );
}

/** The text alternative of the outlines: each joint concept with its members and how many councils adopted it. */
export function JointOutlineList({ outlines, headingId }: { outlines: readonly JointOutline[]; headingId: string }) {
  const { t } = useTranslation("concepts");
  const sorted = useMemo(() => [...outlines].sort((a, b) => a.title.localeCompare(b.title, "de")), [outlines]);
  return (
    <section className="coverage-map__joint-list" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("map.listHeading")}</h3>
      {sorted.length === 0 ? (
        <p>{t("map.none")}</p>
      ) : (
        <ul>
          {sorted.map((outline) => (
            <li key={outline.id} data-concept={outline.id}>
              <Link to={paths.concept(outline.id)}>{outline.title}</Link>:{" "}
              {outline.members.map((member, index) => (
                <span key={member.ags}>
                  {index > 0 ? ", " : null}
                  <Link to={paths.municipality(member.ags)}>{member.name}</Link>
                  {member.adopted ? ` (${t("common.adopted")})` : null}
                </span>
              ))}{" "}
              – {t("common.adoptedOf", { adopted: outline.adoptedCount, total: outline.memberCount })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
