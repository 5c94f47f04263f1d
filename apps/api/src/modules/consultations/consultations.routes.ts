import {
  ERROR_CODES,
  errorResponseSchema,
  endpoints,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { canSeeInternal } from "../../lib/access.js";
import { todayInSaxony } from "../../lib/clock.js";
import { ValidationError, outOfScope } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { findPerson } from "../assignments/assignments.repo.js";
import { municipalityNotFound, parseAgsParam } from "../municipalities/ags-param.js";
import { consultationStats } from "./consultation-stats.js";
import { consultationsReportXlsx } from "./consultations-report.js";
import { municipalityExists } from "../municipalities/municipalities.repo.js";
import { consultationsInRange, lockConsultation } from "./consultations.repo.js";
import {
  assertMayEdit,
  createConsultation,
  findConsultation,
  listConsultations,
  loadConsultation,
  toConsultations,
  updateConsultation,
  withdrawConsultation,
} from "./consultations.service.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The range of a quarter ("2026-Q3": 2026-07-01 to 2026-09-30). */
function quarterRange(quarter: string): { from: string; to: string } {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(Number(year), lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;
  const tags = ["advisory"];

  app.route({
    ...endpointRoute(endpoints.consultationCreate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Record a consultation (Beratung); the caller is its author",
        description:
          "Unknown AGS answer 422 UNKNOWN_AGS at body.ags.<index>; a date after today or `topicOther` without the " +
          "topic \"other\" 422 VALIDATION_FAILED.",
        response: { 422: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const { user } = requireSignedIn(request.principal);
      const now = clock();
      const created = await database.db.transaction(async (tx) => {
        const id = await createConsultation(tx, request.body, user, now, todayInSaxony(clock));
        const consultation = await loadConsultation(tx, id);
        await recordAudit(
          requestContext(request),
          "consultation.created",
          `consultation:${id}`,
          { date: consultation.date, kind: consultation.kind, ags: consultation.municipalities.map((m) => m.ags), internal: consultation.internal },
          { db: tx },
        );
        return consultation;
      });
      return reply.status(201).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.consultationList, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The consultation log, newest first, filtered by municipality, advisor (e-mail or id), dates (inclusive), kind and district",
        description: "Withdrawn consultations are not listed. An unknown advisor yields an empty list.",
      },
    }),
    handler: async (request) => {
      const { ags, advisor, from, to, kind, district, limit, offset } = request.query;
      let advisorUserId: string | undefined;
      if (advisor !== undefined) {
        const person = await findPerson(database.db, advisor);
        if (!person) return { items: [], total: 0 };
        advisorUserId = person.id;
      }
      return listConsultations(
        database.db,
        {
          ...(ags ? { ags } : {}),
          ...(advisorUserId ? { advisorUserId } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(kind ? { kind } : {}),
          ...(district ? { district } : {}),
        },
        { limit, offset },
      );
    },
  });

  app.route({
    ...endpointRoute(endpoints.consultationStats, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Activity statistics: consultations per month, kind and district, and municipalities reached (distinct)",
        description:
          "Both ends inclusive, at most ten years; internal consultations count, withdrawn ones do not. A consultation " +
          "counts in every district it concerned, so per-district numbers may add up to more than the total.",
        response: { 422: errorResponseSchema },
      },
    }),
    handler: async (request) => consultationStats(database.db, request.query.from, request.query.to),
  });

  app.route({
    ...endpointRoute(endpoints.consultationDetail, {
      config: { access: "staff" },
      schema: { tags, summary: "One consultation", response: { 404: errorResponseSchema } },
    }),
    handler: async (request) => loadConsultation(database.db, request.params.id),
  });

  app.route({
    ...endpointRoute(endpoints.consultationUpdate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change a consultation (its author or SMR); the audit log keeps each changed field before and after",
        response: { 403: errorResponseSchema, 404: errorResponseSchema, 422: errorResponseSchema },
      },
    }),
    handler: async (request) => {
      const { user } = requireSignedIn(request.principal);
      return database.db.transaction(async (tx) => {
        await lockConsultation(tx, request.params.id);
        const found = await findConsultation(tx, request.params.id);
        assertMayEdit(found, user);
        const changes = await updateConsultation(tx, found, request.body, clock(), todayInSaxony(clock));
        if (Object.keys(changes).length > 0) {
          await recordAudit(requestContext(request), "consultation.updated", `consultation:${found.row.id}`, { changes }, { db: tx });
        }
        return loadConsultation(tx, found.row.id);
      });
    },
  });

  app.route({
    ...endpointRoute(endpoints.consultationWithdraw, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Withdraw a consultation (its author or SMR): it stays stored, marked withdrawn, and leaves lists and statistics",
        response: { 403: errorResponseSchema, 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const { user } = requireSignedIn(request.principal);
      await database.db.transaction(async (tx) => {
        await lockConsultation(tx, request.params.id);
        const found = await findConsultation(tx, request.params.id);
        assertMayEdit(found, user);
        await withdrawConsultation(tx, found, clock());
        const [consultation] = await toConsultations(tx, [found]);
        await recordAudit(
          requestContext(request),
          "consultation.withdrawn",
          `consultation:${found.row.id}`,
          { date: found.row.date, kind: found.row.kind, ags: consultation?.municipalities.map((m) => m.ags) ?? [], author: found.advisor.email },
          { db: tx },
        );
      });
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(endpoints.municipalityConsultations, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "The consultations that concerned a municipality, newest first",
        description:
          "SMR and FS INGE see all; a municipality account sees the non-internal consultations of its own municipalities " +
          "only (403 OUT_OF_SCOPE for others); anonymous callers get 401.",
        response: { 403: errorResponseSchema, 404: errorResponseSchema },
      },
    }),
    handler: async (request) => {
      const ags = parseAgsParam(request.params.ags);
      const { user } = requireSignedIn(request.principal);
      const staff = canSeeInternal(request.principal);
      if (!staff && !user.ags.includes(ags)) throw outOfScope(`Municipality ${ags} is outside your account's scope`);
      if (!(await municipalityExists(database.db, ags))) throw municipalityNotFound(ags);
      return listConsultations(database.db, { ags, publicOnly: !staff }, request.query);
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportConsultationsReport, {
      config: { access: "staff" },
      schema: {
        tags: ["exports", ...tags],
        summary: "The quarterly FS INGE activity report as an Excel workbook",
        description:
          "`quarter` (e.g. 2026-Q3) or `from` and `to` (inclusive); neither: the current quarter. Sheets: Übersicht, " +
          "Monate, Beratungsarten, Landkreise, Beratungen (every consultation of the range; internal ones included and " +
          "marked, as staff see them everywhere else too).",
      },
    }),
    handler: async (request, reply) => {
      const { quarter, from, to } = request.query;
      if (quarter !== undefined && (from !== undefined || to !== undefined)) {
        throw new ValidationError("Give either quarter or from and to", [{ path: "query.quarter", code: ERROR_CODES.validation, message: "not together with from/to" }], 400);
      }
      if ((from === undefined) !== (to === undefined)) {
        throw new ValidationError("Give both from and to", [{ path: from === undefined ? "query.from" : "query.to", code: ERROR_CODES.validation, message: "required with the other end" }], 400);
      }
      const today = todayInSaxony(clock);
      const range =
        from !== undefined && to !== undefined
          ? { from, to }
          : quarterRange(quarter ?? `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`);
      const stats = await consultationStats(database.db, range.from, range.to);
      const consultations = (await toConsultations(database.db, await consultationsInRange(database.db, range.from, range.to))).reverse();
      const label = quarter ?? (from !== undefined ? `${range.from}_${range.to}` : quarterLabel(range.from));
      const workbook = await consultationsReportXlsx({
        title: `FS INGE: Beratungstätigkeit ${label.replace("_", " bis ")}`,
        stats,
        consultations,
        createdAt: clock(),
      });
      return reply
        .type(XLSX)
        .header("Content-Disposition", `attachment; filename="fs-inge-beratungen-${label}.xlsx"`)
        .header("Cache-Control", "no-store")
        .send(workbook);
    },
  });
};

function quarterLabel(from: string): string {
  return `${from.slice(0, 4)}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`;
}
