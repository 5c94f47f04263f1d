import { endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyReply } from "fastify";
import { canSeeInternal, canSeeNames } from "../../lib/access.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { associationNamesOn } from "../associations/associations.repo.js";
import { type MunicipalityFilters, listAllMunicipalities } from "../municipalities/municipalities.repo.js";
import { DATA_CREDITS, describeRules, eventColumns, municipalityColumns } from "./export-columns.js";
import { berlinDateTime } from "./berlin-time.js";
import { csvSlices, toCsv } from "./export-csv.js";
import { toGeoJson } from "./export-geojson.js";
import { toXlsx } from "./export-xlsx.js";
import { hasDemoData, listEventsForExport, runningMeasuresByMunicipality } from "./exports.repo.js";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json; charset=utf-8",
} as const;

const FILTER_DESCRIPTION =
  "Filters as GET /api/municipalities (district, association, type, q, status, current, expiring, stale, sort, asOf), without paging.";

function download(reply: FastifyReply, format: keyof typeof CONTENT_TYPES, filename: string) {
  return reply
    .type(CONTENT_TYPES[format])
    .header("Content-Disposition", `attachment; filename="${filename}"`)
    .header("Cache-Control", "no-store");
}

function describeFilters(filters: MunicipalityFilters): string {
  const parts = [
    filters.district && `Landkreis ${filters.district}`,
    filters.association && `Verwaltungsgemeinschaft/-verband ${filters.association}`,
    filters.type && `Gemeindetyp ${filters.type}`,
    filters.q && `Suche "${filters.q}"`,
    filters.status && `Status ${filters.status}`,
    filters.current !== undefined && `aktuell = ${filters.current ? "ja" : "nein"}`,
    filters.expiring !== undefined && `läuft bald ab = ${filters.expiring ? "ja" : "nein"}`,
    filters.stale !== undefined && `lange nicht bestätigt = ${filters.stale ? "ja" : "nein"}`,
  ].filter((p): p is string => typeof p === "string" && p !== "");
  return parts.length === 0 ? "keine (alle Gemeinden)" : parts.join("; ");
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const filtersOf = (query: Omit<MunicipalityFilters, "asOf"> & { asOf?: string | undefined }): MunicipalityFilters => ({
    ...query,
    asOf: query.asOf ?? todayInSaxony(app.deps.clock),
  });

  app.route({
    ...endpointRoute(endpoints.exportMunicipalitiesCsv, {
      config: { httpCache: true },
      schema: {
        tags: ["exports"],
        summary: "Municipalities with their INSEK record on a date, as CSV for German Excel",
        description: `${FILTER_DESCRIPTION} UTF-8 with BOM, semicolon-separated, CRLF, German headers.`,
      },
    }),
    handler: async (request, reply) => {
      const filters = filtersOf(request.query);
      const db = app.deps.database.db;
      const [items, associations, measures] = await Promise.all([
        listAllMunicipalities(db, app.deps.rules, filters),
        associationNamesOn(db, filters.asOf),
        runningMeasuresByMunicipality(db, filters.asOf),
      ]);
      return download(reply, "csv", `insek-gemeinden-${filters.asOf}.csv`).send(
        toCsv(municipalityColumns(filters.asOf, (ags) => associations.get(ags) ?? null, (ags) => measures.get(ags)), items),
      );
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportMunicipalitiesXlsx, {
      config: { httpCache: true },
      schema: {
        tags: ["exports"],
        summary: "Municipalities with their INSEK record on a date, as an Excel workbook",
        description: `${FILTER_DESCRIPTION} Sheet "Gemeinden" (typed cells) and sheet "Hinweise" (date, rules, sources).`,
      },
    }),
    handler: async (request, reply) => {
      const filters = filtersOf(request.query);
      const db = app.deps.database.db;
      const [items, demo, associations, measures] = await Promise.all([
        listAllMunicipalities(db, app.deps.rules, filters),
        hasDemoData(db),
        associationNamesOn(db, filters.asOf),
        runningMeasuresByMunicipality(db, filters.asOf),
      ]);
      const now = app.deps.clock();
      const workbook = await toXlsx(
        "Gemeinden",
        municipalityColumns(filters.asOf, (ags) => associations.get(ags) ?? null, (ags) => measures.get(ags)),
        items,
        {
          title: "INSEK-Monitor Sachsen: Gemeinden und ihr INSEK-Stand",
          lines: [
            ["Stand", new Date(`${filters.asOf}T00:00:00Z`)],
            ["Erstellt", `${berlinDateTime(now.toISOString())} (Europe/Berlin)`],
            ["Gemeinden", items.length],
            ["Filter", describeFilters(filters)],
            ...describeRules(app.deps.rules).map((rule, i): [string, string] => [i === 0 ? "Regeln" : "", rule]),
            [
              "Förderung",
              "Programme: Programme mit einer am Stand laufenden Maßnahme; gefährdet: laufende Maßnahmen eines Programms, das ein aktuelles gesamtstädtisches Konzept verlangt, wenn die Gemeinde keines hat oder es bald abläuft.",
            ] as [string, string],
            ...(demo
              ? [["Demo-Daten", "Die INSEK-Stände in dieser Datei sind erfunden und dienen nur der Vorführung."] as [string, string]]
              : []),
            ...DATA_CREDITS.map((credit, i): [string, string] => [i === 0 ? "Datenquellen" : "", credit]),
          ],
        },
        now,
      );
      return download(reply, "xlsx", `insek-gemeinden-${filters.asOf}.xlsx`).send(workbook);
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportMunicipalitiesGeojson, {
      config: { httpCache: true },
      schema: {
        tags: ["exports"],
        summary: "Municipalities with their INSEK record on a date, as GeoJSON",
        description: `${FILTER_DESCRIPTION} One feature per municipality; geometry null where no shape exists (dissolved municipalities).`,
      },
    }),
    handler: async (request, reply) => {
      const filters = filtersOf(request.query);
      const db = app.deps.database.db;
      const [items, demo, measures] = await Promise.all([
        listAllMunicipalities(db, app.deps.rules, filters),
        hasDemoData(db),
        runningMeasuresByMunicipality(db, filters.asOf),
      ]);
      const body = toGeoJson(items, { asOf: filters.asOf, rules: app.deps.rules, demo }, (ags) => measures.get(ags));
      return download(reply, "geojson", `insek-gemeinden-${filters.asOf}.geojson`).send(JSON.stringify(body));
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportEventsCsv, {
      // In the read cache: concurrent and repeated downloads of one generation share one computation (on the
      // embedded database the query runs on the server's own thread).
      config: { cache: true },
      schema: {
        tags: ["exports"],
        summary: "The status history (changes and confirmations) of the matching municipalities, as CSV",
        description:
          `${FILTER_DESCRIPTION} Events effective on or before asOf, including those of predecessors merged into a ` +
          "matching municipality; superseded events and their corrections both appear, linked. Who recorded an event " +
          "is shown to signed-in accounts, internal notes to SMR and FS INGE only.",
      },
    }),
    handler: async (request, reply) => {
      const filters = filtersOf(request.query);
      const events = await listEventsForExport(app.deps.database.db, app.deps.rules, filters, {
        names: canSeeNames(request.principal),
        internalNotes: canSeeInternal(request.principal),
      });
      // Formatted in slices (the whole history is a few thousand rows) without blocking other requests, then
      // sent as one text, which the read cache keeps.
      let body = "";
      for await (const slice of csvSlices(eventColumns(filters.asOf), events)) body += slice;
      return download(reply, "csv", `insek-ereignisse-${filters.asOf}.csv`).send(body);
    },
  });
};
