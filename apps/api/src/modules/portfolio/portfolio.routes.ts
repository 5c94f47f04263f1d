import { ERROR_CODES, type Portfolio, endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { ValidationError, forbidden } from "../../lib/errors.js";
import { requireSignedIn } from "../../lib/access.js";
import { toInsekRecord } from "../records/record.js";
import { type PersonRow, findPerson } from "../assignments/assignments.repo.js";
import { requireAdvisor } from "../assignments/assignments.service.js";
import { lastDayOf, weekOf } from "../assignments/dates.js";
import { portfolioRows } from "./portfolio.repo.js";

export const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, rules } = app.deps;

  app.route({
    ...endpointRoute(endpoints.portfolio, {
      config: { access: "staff" },
      schema: {
        tags: ["advisory"],
        summary: "An advisor's portfolio (\"Meine Kommunen\"): municipalities assigned today with record, contacts and flags",
        description:
          "An advisor gets their own portfolio (`advisor` may only name themselves, otherwise 403). SMR must name the " +
          "advisor (e-mail or id; disabled advisors too): without it 422 VALIDATION_FAILED at query.advisor, an unknown " +
          "one 422 ADVISOR_NOT_FOUND. `overdue`: the next contact lies before today; `followUpDue` (Wiedervorlage): it " +
          "lies before the end of the current week (Monday to Sunday, Europe/Berlin), overdue ones included. Sorting and " +
          "filtering are left to the client; items come sorted by name.",
      },
    }),
    handler: async (request): Promise<Portfolio> => {
      const { user } = requireSignedIn(request.principal);
      const ref = request.query.advisor;
      let advisor: PersonRow;
      if (user.role === "advisor") {
        if (ref !== undefined) {
          const named = await findPerson(database.db, ref);
          if (named?.id !== user.id) throw forbidden("An advisor sees their own portfolio only");
        }
        advisor = { id: user.id, email: user.email, display_name: user.displayName, role: user.role, disabled: false };
      } else {
        if (ref === undefined) {
          throw new ValidationError("Name the advisor whose portfolio to show", [
            { path: "query.advisor", code: ERROR_CODES.validation, message: "required for SMR accounts (e-mail or id of an advisor)" },
          ], 422);
        }
        advisor = await requireAdvisor(database.db, ref, "query.advisor", { allowDisabled: true });
      }
      const today = todayInSaxony(clock);
      const { weekStart, weekEnd } = weekOf(today);
      const rows = await portfolioRows(database.db, rules, advisor.id, today);
      return {
        advisor: { id: advisor.id, displayName: advisor.display_name, email: advisor.email },
        today,
        weekStart,
        weekEnd,
        items: rows.map((row) => ({
          ags: row.ags,
          name: row.name,
          type: row.type as Portfolio["items"][number]["type"],
          districtKey: row.district_key,
          districtName: row.district_name,
          population: row.population,
          record: toInsekRecord(row),
          assignedFrom: row.assigned_from,
          assignedTo: lastDayOf(row.assigned_valid_to),
          lastContact: row.last_contact,
          nextContact: row.next_contact,
          overdue: row.next_contact !== null && row.next_contact < today,
          followUpDue: row.next_contact !== null && row.next_contact <= weekEnd,
          pendingReviews: row.pending_reviews,
          // No consultation (not withdrawn, internal ones included) ever concerned it.
          neverContacted: row.last_contact === null,
        })),
      };
    },
  });
};
