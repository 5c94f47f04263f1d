import { type Assignment, type AssignmentCreate, ERROR_CODES } from "@insek/contracts";
import type { Db } from "@insek/db";
import { AppError, NotFoundError, ValidationError } from "../../lib/errors.js";
import {
  type AssignmentRow,
  type MunicipalityRef,
  type PersonRow,
  findPerson,
  insertAssignmentRows,
  listAssignmentRows,
  lockAdvisor,
  municipalitiesByAgs,
  municipalitiesOfDistrictOn,
  overlappingAssignments,
} from "./assignments.repo.js";
import { districtExists } from "../districts/districts.repo.js";
import { lastDayOf, validToOf } from "./dates.js";

export function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    advisor: { id: row.advisor_id, displayName: row.advisor_name, email: row.advisor_email },
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtKey: row.district_key,
    from: row.valid_from,
    to: lastDayOf(row.valid_to),
    active: row.active,
  };
}

/** An active advisor account named by e-mail (or id), or 422 ADVISOR_NOT_FOUND at `path`. */
export async function requireAdvisor(db: Db, ref: string, path: string, options: { allowDisabled?: boolean } = {}): Promise<PersonRow> {
  const person = await findPerson(db, ref);
  if (!person || person.role !== "advisor" || (person.disabled && !options.allowDisabled)) {
    throw new ValidationError(
      `No ${options.allowDisabled ? "" : "active "}advisor account ${ref}`,
      [{ path, code: ERROR_CODES.advisorNotFound, message: `no ${options.allowDisabled ? "" : "active "}account with role advisor` }],
      422,
      ERROR_CODES.advisorNotFound,
    );
  }
  return person;
}

function describeRange(from: string, validTo: string | null): string {
  const to = lastDayOf(validTo);
  return to === null ? `from ${from} (open-ended)` : `${from} to ${to}`;
}

export interface CreatedAssignments {
  items: Assignment[];
  skipped: { ags: string; municipalityName: string; overlapsAssignmentId: number }[];
}

/**
 * Creates one assignment, or one per municipality of a district that exists on `from`, in the caller's
 * transaction. An overlap with an assignment of the same advisor and municipality refuses a single
 * assignment (409); in the bulk form those municipalities are skipped and reported, and the request is
 * refused only when nothing is left to create. Writes are all or nothing.
 */
export async function createAssignments(tx: Db, input: AssignmentCreate, today: string, now: Date): Promise<CreatedAssignments & { advisor: PersonRow }> {
  const advisor = await requireAdvisor(tx, input.advisorEmail, "body.advisorEmail");
  await lockAdvisor(tx, advisor.id);
  const validFrom = input.from;
  const validTo = validToOf(input.to);

  let targets: MunicipalityRef[];
  if (input.ags !== undefined) {
    const [found] = await municipalitiesByAgs(tx, [input.ags], validFrom);
    if (!found) {
      throw new ValidationError(`Unknown AGS ${input.ags}`, [{ path: "body.ags", code: ERROR_CODES.unknownAgs, message: `no municipality with AGS ${input.ags}` }], 422, ERROR_CODES.unknownAgs);
    }
    if (!found.exists_on) {
      throw new ValidationError(
        `${found.name} does not exist on ${validFrom}`,
        [{ path: "body.ags", code: ERROR_CODES.municipalityNotExisting, message: `the municipality does not exist on ${validFrom}` }],
        422,
        ERROR_CODES.municipalityNotExisting,
      );
    }
    targets = [found];
  } else {
    const district = input.district ?? "";
    if (!(await districtExists(tx, district))) {
      throw new ValidationError(`Unknown district ${district}`, [{ path: "body.district", code: ERROR_CODES.unknownDistrict, message: `no district with key ${district}` }], 422, ERROR_CODES.unknownDistrict);
    }
    targets = await municipalitiesOfDistrictOn(tx, district, validFrom);
  }

  const overlaps = await overlappingAssignments(tx, advisor.id, targets.map((m) => m.ags), validFrom, validTo);
  const overlapOf = new Map(overlaps.map((o) => [o.ags, o]));
  if (input.ags !== undefined && overlaps[0]) {
    const o = overlaps[0];
    throw new AppError(
      409,
      ERROR_CODES.assignmentOverlap,
      `${advisor.email} is already assigned to ${o.ags} ${describeRange(o.valid_from, o.valid_to)} (assignment ${o.id})`,
      [{ path: "body.ags", code: ERROR_CODES.assignmentOverlap, message: `overlaps assignment ${o.id} (${describeRange(o.valid_from, o.valid_to)})` }],
    );
  }
  const fresh = targets.filter((m) => !overlapOf.has(m.ags));
  const skipped = targets.flatMap((m) => {
    const o = overlapOf.get(m.ags);
    return o ? [{ ags: m.ags, municipalityName: m.name, overlapsAssignmentId: o.id }] : [];
  });
  if (fresh.length === 0) {
    throw new AppError(
      409,
      ERROR_CODES.assignmentOverlap,
      `${advisor.email} already holds overlapping assignments for every municipality of district ${input.district ?? ""}`,
      [{ path: "body.district", code: ERROR_CODES.assignmentOverlap, message: `overlaps assignments ${overlaps.map((o) => o.id).join(", ")}` }],
    );
  }
  const ids = await insertAssignmentRows(tx, advisor.id, fresh.map((m) => m.ags), validFrom, validTo, now);
  const rows = await listAssignmentRows(tx, { ids }, today);
  return { advisor, items: rows.map(toAssignment), skipped };
}

export async function findAssignment(db: Db, id: number, today: string): Promise<Assignment> {
  const [row] = await listAssignmentRows(db, { ids: [id] }, today);
  if (!row) throw new NotFoundError(ERROR_CODES.assignmentNotFound, `No assignment ${id}`);
  return toAssignment(row);
}
