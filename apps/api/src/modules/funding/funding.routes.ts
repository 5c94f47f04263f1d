import {
  ERROR_CODES,
  endpoints,
  errorResponseSchema,
  measurePreconditionFailedSchema,
  programmePreconditionFailedSchema,
} from "@insek/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { todayInSaxony } from "../../lib/clock.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { expectedVersionOf } from "../events/if-match.js";
import {
  MeasureVersionMismatchError,
  ProgrammeVersionMismatchError,
  createMeasure,
  createProgramme,
  deleteMeasure,
  eligibleWithoutConcept,
  fundingStats,
  listMeasures,
  listProgrammes,
  measureDetail,
  measuresAtRisk,
  updateMeasure,
  updateProgramme,
} from "./funding.service.js";

const tags = ["funding"];
const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 422: errorResponseSchema };

/** Funding (issue 15, docs/decisions/0032-funding-programmes-and-measures.md). */
export const fundingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;

  app.route({
    ...endpointRoute(endpoints.programmeList, {
      config: { access: "read", cache: true },
      schema: { tags, summary: "Funding programmes with their requirements (town-wide concept, area concept, minimum population); open ones first" },
    }),
    handler: async () => listProgrammes(database.db),
  });

  app.route({
    ...endpointRoute(endpoints.programmeCreate, {
      config: { access: "smrAdmin" },
      schema: {
        tags,
        summary: "Add a programme (SMR administrators)",
        description: "The id is a stable slug: 409 PROGRAMME_ID_TAKEN when it exists; a period ending before it begins is 422 PROGRAMME_PERIOD_INVALID.",
        response: { ...errors, 409: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const created = await createProgramme(requestContext(request), request.body);
      return reply.status(201).header("ETag", `"${created.version}"`).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.programmeUpdate, {
      config: { access: "smrAdmin" },
      schema: {
        tags,
        summary: "Change a programme on top of the version named by If-Match (SMR administrators; 428 without, 412 with an old one)",
        description: "`requirements` and `period` are replaced whole. Measures keep their programme; their flags follow the new requirements.",
        response: { ...errors, 412: programmePreconditionFailedSchema, 428: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const expected = expectedVersionOf(request.headers["if-match"], "GET /api/programmes");
      try {
        const updated = await updateProgramme(requestContext(request), request.params.id, request.body, expected);
        return await reply.header("ETag", `"${updated.version}"`).send(updated);
      } catch (error) {
        if (!(error instanceof ProgrammeVersionMismatchError)) throw error;
        return (reply as unknown as FastifyReply)
          .status(412)
          .header("ETag", `"${error.current.version}"`)
          .send({ statusCode: 412, code: error.code, message: error.message, requestId: request.id, current: error.current });
      }
    },
  });

  app.route({
    ...endpointRoute(endpoints.measureList, {
      config: { access: "read", cache: true },
      schema: {
        tags,
        summary: "Funded measures (Gesamtmaßnahmen), filtered by municipality, programme, state and district; paged",
        description:
          "`ags` also finds the measures of the municipality's predecessors (merged into it). Sorted by municipality, start year, name. " +
          "`flags` warn without refusing: below_min_population, town_wide_concept_missing, area_concept_missing.",
      },
    }),
    handler: async (request) => listMeasures(database.db, request.query),
  });

  app.route({
    ...endpointRoute(endpoints.measureAtRisk, {
      config: { access: "read", cache: true },
      schema: {
        tags,
        summary: "Running measures whose municipality has no current town-wide concept on asOf, or one that lapses within the expiring window",
        description:
          "A measure runs on asOf when its state is running and asOf's year lies within its start and end year. It belongs to the " +
          "municipality that exists on asOf (the successor after a merger). Current and expiring are the records' rules " +
          "(RULE_CURRENCY_YEARS, RULE_EXPIRING_MONTHS), as in the coverage figures. asOf defaults to today (Berlin).",
      },
    }),
    handler: async (request) => {
      const { asOf = todayInSaxony(clock), ...filters } = request.query;
      return measuresAtRisk(database.db, app.deps.rules, asOf, filters);
    },
  });

  app.route({
    ...endpointRoute(endpoints.measureDetail, {
      config: { access: "read", cache: true, httpCache: "headers" },
      schema: {
        tags,
        summary: "One measure with its yearly amounts, concepts and flags",
        description: "The ETag is the measure's version (what If-Match of PATCH and DELETE names). The internal note and who wrote it: staff only.",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const found = await measureDetail(database.db, request.params.id, request.principal);
      void reply.header("ETag", `"${found.version}"`);
      return found;
    },
  });

  app.route({
    ...endpointRoute(endpoints.measureCreate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Record a measure (SMR, FS INGE)",
        description:
          "Rules, each its own 422 code: an unknown AGS (UNKNOWN_AGS), an unknown programme (MEASURE_PROGRAMME_UNKNOWN), the end " +
          "before the start (MEASURE_END_BEFORE_START), a town-wide concept that is unknown, not town-wide or does not cover the " +
          "municipality (MEASURE_CONCEPT_NOT_COVERING; a concept of a predecessor or successor covers it), an area concept that is " +
          "unknown, no area concept, or of another municipality (MEASURE_AREA_CONCEPT_OTHER_MUNICIPALITY), a year twice in the " +
          "amounts. A municipality below the programme's minimum population is recorded and flagged (below_min_population).",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      const created = await createMeasure(requestContext(request), request.body);
      return reply.status(201).header("ETag", `"${created.version}"`).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.measureUpdate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change a measure on top of the version named by If-Match (SMR, FS INGE; 428 without, 412 with an old one)",
        description: "`amounts` replaces the yearly amounts whole. The rules of POST apply to the measure as changed.",
        response: { ...errors, 412: measurePreconditionFailedSchema, 428: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const expected = expectedVersionOf(request.headers["if-match"], "GET /api/measures/:id");
      try {
        const updated = await updateMeasure(requestContext(request), request.params.id, request.body, expected);
        return await reply.header("ETag", `"${updated.version}"`).send(updated);
      } catch (error) {
        if (!(error instanceof MeasureVersionMismatchError)) throw error;
        return (reply as unknown as FastifyReply)
          .status(412)
          .header("ETag", `"${error.current.version}"`)
          .send({ statusCode: 412, code: error.code, message: error.message, requestId: request.id, current: error.current });
      }
    },
  });

  app.route({
    ...endpointRoute(endpoints.measureDelete, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Delete a wrongly recorded measure and its amounts (SMR, FS INGE; If-Match with its version)",
        description: "The audit entry keeps what the measure was. A measure that ended is not deleted but given its state (settled).",
        response: { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 412: measurePreconditionFailedSchema, 428: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const expected = expectedVersionOf(request.headers["if-match"], "GET /api/measures/:id");
      try {
        await deleteMeasure(requestContext(request), request.params.id, expected);
        return await reply.status(204).send(null);
      } catch (error) {
        if (!(error instanceof MeasureVersionMismatchError)) throw error;
        return (reply as unknown as FastifyReply)
          .status(412)
          .header("ETag", `"${error.current.version}"`)
          .send({ statusCode: 412, code: error.code, message: error.message, requestId: request.id, current: error.current });
      }
    },
  });

  // The file import of measures is built on its own (the funding import); until then the entry answers
  // 415 to anything but its file. Its service entry point exists: funding.service.ts `createMeasures`.
  app.route({
    ...endpointRoute(endpoints.measureImport, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Import measures from a CSV or XLSX file (multipart/form-data, field file); dryRun=true (default) checks every row and writes nothing",
        consumes: ["multipart/form-data"],
        response: { ...errors, 415: errorResponseSchema },
      },
    }),
    handler: async () => {
      throw new AppError(415, ERROR_CODES.unsupportedMediaType, "Send the file as multipart/form-data in the field `file`");
    },
  });

  app.route({
    ...endpointRoute(endpoints.municipalitiesEligibleWithoutConcept, {
      config: { access: "read", cache: true },
      schema: {
        tags,
        summary: "Municipalities eligible for a programme by population on asOf that have no current town-wide concept on asOf; largest first",
        description:
          "Municipalities existing on asOf with at least the programme's minimum population. Empty for a programme that asks for no " +
          "town-wide concept (LEADER, Vitale Dorfkerne, FR-Regio). An unknown programme is 404 PROGRAMME_NOT_FOUND.",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request) => {
      const { asOf = todayInSaxony(clock), ...query } = request.query;
      return eligibleWithoutConcept(database.db, app.deps.rules, asOf, query);
    },
  });

  app.route({
    ...endpointRoute(endpoints.statsFunding, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["stats", ...tags],
        summary: "Funding figures on asOf: running measures, those on a current concept and at risk, eligible municipalities without a concept; per programme and per programme and district",
      },
    }),
    handler: async (request) => fundingStats(database.db, app.deps.rules, request.query.asOf ?? todayInSaxony(clock)),
  });
};
