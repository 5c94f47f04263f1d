import { ERROR_CODES, errorResponseSchema, endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { AppError } from "../../lib/errors.js";
import { deleteAssignmentRow, deleteAssignmentRows, findPerson, listAdvisors, listAssignmentRows } from "./assignments.repo.js";
import { createAssignments, findAssignment, toAssignment } from "./assignments.service.js";

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;
  const tags = ["advisory"];

  app.route({
    ...endpointRoute(endpoints.assignmentCreate, {
      config: { access: "smr" },
      schema: {
        tags,
        summary: "Assign an FS INGE advisor to a municipality, or to every municipality of a district (SMR)",
        description:
          "`to` is the last day (inclusive); without it the assignment is open-ended. With `district`, every municipality " +
          "of the district that exists on `from` is assigned; those the advisor already holds an overlapping assignment " +
          "for are skipped and listed in `skipped`. A single `ags` with an overlap answers 409 ASSIGNMENT_OVERLAP, as does " +
          "a district where nothing is left to assign. All or nothing: an error writes nothing.",
        response: { 409: errorResponseSchema, 422: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const now = clock();
      const today = todayInSaxony(clock);
      const result = await database.db.transaction(async (tx) => {
        const created = await createAssignments(tx, request.body, today, now);
        for (const item of created.items) {
          await recordAudit(
            requestContext(request),
            "assignment.created",
            `assignment:${item.id}`,
            {
              advisor: created.advisor.email,
              ags: item.ags,
              from: item.from,
              to: item.to,
              ...(request.body.district ? { district: request.body.district } : {}),
            },
            { db: tx },
          );
        }
        return { items: created.items, skipped: created.skipped };
      });
      return reply.status(201).send(result);
    },
  });

  app.route({
    ...endpointRoute(endpoints.assignmentList, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Advisor assignments, filtered by advisor (e-mail or id), municipality, district and whether they hold today",
      },
    }),
    handler: async (request) => {
      const { advisor, ags, district, active } = request.query;
      let advisorUserId: string | undefined;
      if (advisor !== undefined) {
        const person = await findPerson(database.db, advisor);
        if (!person) return { items: [] };
        advisorUserId = person.id;
      }
      const rows = await listAssignmentRows(
        database.db,
        {
          ...(advisorUserId ? { advisorUserId } : {}),
          ...(ags ? { ags } : {}),
          ...(district ? { district } : {}),
          ...(active !== undefined ? { active } : {}),
        },
        todayInSaxony(clock),
      );
      return { items: rows.map(toAssignment) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.advisorList, {
      config: { access: "staff" },
      schema: { tags, summary: "The advisor accounts (enabled ones first), to choose from when assigning or picking a portfolio" },
    }),
    handler: async () => ({ items: await listAdvisors(database.db) }),
  });

  app.route({
    ...endpointRoute(endpoints.assignmentRemove, {
      config: { access: "smr" },
      schema: {
        tags,
        summary: "Remove several assignments at once (e.g. those of a district assignment, SMR); all or none, each audited",
        description: "An id that does not exist answers 404 ASSIGNMENT_NOT_FOUND, naming it at `body.ids.<index>`, and removes nothing.",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request) => {
      const ids = request.body.ids;
      const today = todayInSaxony(clock);
      return database.db.transaction(async (tx) => {
        const found = await listAssignmentRows(tx, { ids }, today);
        const known = new Set(found.map((row) => row.id));
        const missing = ids.flatMap((id, index) => (known.has(id) ? [] : [{ id, index }]));
        if (missing.length > 0) {
          throw new AppError(
            404,
            ERROR_CODES.assignmentNotFound,
            `No assignment ${missing.map((m) => m.id).join(", ")}`,
            missing.map((m) => ({ path: `body.ids.${m.index}`, code: ERROR_CODES.assignmentNotFound, message: `no assignment ${m.id}` })),
          );
        }
        const removed = await deleteAssignmentRows(tx, ids);
        for (const row of found.map(toAssignment)) {
          await recordAudit(
            requestContext(request),
            "assignment.deleted",
            `assignment:${row.id}`,
            { advisor: row.advisor.email, ags: row.ags, from: row.from, to: row.to, bulk: true },
            { db: tx },
          );
        }
        return { removed: removed.length };
      });
    },
  });

  app.route({
    ...endpointRoute(endpoints.assignmentDelete, {
      config: { access: "smr" },
      schema: {
        tags,
        summary: "Remove an assignment (SMR); the audit log keeps what it was",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      await database.db.transaction(async (tx) => {
        const assignment = await findAssignment(tx, request.params.id, todayInSaxony(clock));
        await deleteAssignmentRow(tx, assignment.id);
        await recordAudit(
          requestContext(request),
          "assignment.deleted",
          `assignment:${assignment.id}`,
          { advisor: assignment.advisor.email, ags: assignment.ags, from: assignment.from, to: assignment.to },
          { db: tx },
        );
      });
      return reply.status(204).send(null);
    },
  });
};
