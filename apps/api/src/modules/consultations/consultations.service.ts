import { type Consultation, type ConsultationInput, type ConsultationUpdate, ERROR_CODES } from "@insek/contracts";
import type { Db } from "@insek/db";
import type { PrincipalUser } from "../../lib/access.js";
import { AppError, type FieldIssue, NotFoundError, ValidationError } from "../../lib/errors.js";
import { practiceExists } from "../practices/practices.repo.js";
import { forbidden } from "../../lib/errors.js";
import {
  type ConsultationFilters,
  type ConsultationWithAdvisor,
  findConsultationRow,
  insertConsultationRow,
  knownAgsOf,
  listConsultationRows,
  municipalitiesOf,
  updateConsultationRow,
} from "./consultations.repo.js";

export async function toConsultations(db: Db, found: ConsultationWithAdvisor[]): Promise<Consultation[]> {
  const municipalities = await municipalitiesOf(db, found.map((f) => f.row.id));
  return found.map(({ row, advisor }) => ({
    id: row.id,
    date: row.date,
    kind: row.kind,
    municipalities: municipalities.get(row.id) ?? [],
    topics: row.topics as Consultation["topics"],
    topicOther: row.topicOther,
    summary: row.summary,
    nextStep: row.nextStep,
    nextContactDate: row.nextContactDate,
    internal: row.internal,
    practiceId: row.practiceId,
    advisor,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listConsultations(db: Db, filters: ConsultationFilters, page: { limit: number; offset: number }) {
  const { items, total } = await listConsultationRows(db, filters, page);
  return { items: await toConsultations(db, items), total };
}

export async function findConsultation(db: Db, id: number): Promise<ConsultationWithAdvisor> {
  const found = await findConsultationRow(db, id);
  if (!found) throw new NotFoundError(ERROR_CODES.consultationNotFound, `No consultation ${id}`);
  return found;
}

export async function loadConsultation(db: Db, id: number): Promise<Consultation> {
  const [consultation] = await toConsultations(db, [await findConsultation(db, id)]);
  if (!consultation) throw new NotFoundError(ERROR_CODES.consultationNotFound, `No consultation ${id}`);
  return consultation;
}

/** 422 UNKNOWN_AGS at body.ags.<index> for every AGS the registry does not know. */
async function checkAgs(db: Db, ags: string[]): Promise<void> {
  const known = await knownAgsOf(db, ags);
  const issues: FieldIssue[] = ags.flatMap((a, i) =>
    known.has(a) ? [] : [{ path: `body.ags.${i}`, code: ERROR_CODES.unknownAgs, message: `no municipality with AGS ${a}` }],
  );
  if (issues.length > 0) {
    throw new ValidationError(`Unknown AGS: ${issues.map((i) => i.path).join(", ")}`, issues, 422, ERROR_CODES.unknownAgs);
  }
}

/** Rules beyond the body's shape: held on or before today; `topicOther` only with the topic "other". */
function checkRules(shape: { date: string; topics: string[]; topicOther: string | null }, today: string): void {
  const issues: FieldIssue[] = [];
  if (shape.date > today) issues.push({ path: "body.date", code: ERROR_CODES.validation, message: "a consultation is recorded once it took place: not after today" });
  if (shape.topicOther && !shape.topics.includes("other")) {
    issues.push({ path: "body.topicOther", code: ERROR_CODES.validation, message: "only with the topic \"other\"" });
  }
  if (issues.length > 0) throw new ValidationError("The consultation breaks a rule", issues, 422);
}

/** 422 CONSULTATION_PRACTICE_NOT_FOUND when the consultation names a Praxisbeispiel that does not exist. */
async function checkPractice(db: Db, practiceId: number | null | undefined): Promise<void> {
  if (practiceId === null || practiceId === undefined || (await practiceExists(db, practiceId))) return;
  const message = `no Praxisbeispiel ${practiceId}`;
  throw new AppError(422, ERROR_CODES.consultationPracticeNotFound, message, [{ path: "body.practiceId", code: ERROR_CODES.consultationPracticeNotFound, message }]);
}

const emptyToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value === "" ? null : value);

export async function createConsultation(tx: Db, input: ConsultationInput, author: PrincipalUser, now: Date, today: string): Promise<number> {
  await checkAgs(tx, input.ags);
  await checkPractice(tx, input.practiceId);
  const topicOther = emptyToNull(input.topicOther);
  checkRules({ date: input.date, topics: input.topics, topicOther }, today);
  return insertConsultationRow(
    tx,
    {
      date: input.date,
      kind: input.kind,
      topics: input.topics,
      topicOther,
      summary: input.summary,
      nextStep: emptyToNull(input.nextStep),
      nextContactDate: input.nextContactDate ?? null,
      internal: input.internal ?? false,
      practiceId: input.practiceId ?? null,
      advisorUserId: author.id,
      createdAt: now,
      updatedAt: now,
    },
    input.ags,
  );
}

/** The author or an SMR account may change or withdraw a consultation; 403 for everyone else. */
export function assertMayEdit(found: ConsultationWithAdvisor, user: PrincipalUser): void {
  if (user.role !== "smr" && found.row.advisorUserId !== user.id) {
    throw forbidden("Only the consultation's author or an SMR account may change it");
  }
}

type Changes = Record<string, { before: unknown; after: unknown }>;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Applies a PATCH; returns the changed fields with their values before and after (for the audit log). */
export async function updateConsultation(
  tx: Db,
  found: ConsultationWithAdvisor,
  input: ConsultationUpdate,
  now: Date,
  today: string,
): Promise<Changes> {
  const { row } = found;
  if (input.ags) await checkAgs(tx, input.ags);
  await checkPractice(tx, input.practiceId);
  const currentAgs = (await municipalitiesOf(tx, [row.id])).get(row.id)?.map((m) => m.ags) ?? [];

  const next = {
    date: input.date ?? row.date,
    kind: input.kind ?? row.kind,
    topics: input.topics ?? row.topics,
    topicOther: input.topicOther === undefined ? row.topicOther : emptyToNull(input.topicOther),
    summary: input.summary ?? row.summary,
    nextStep: input.nextStep === undefined ? row.nextStep : emptyToNull(input.nextStep),
    nextContactDate: input.nextContactDate === undefined ? row.nextContactDate : input.nextContactDate,
    internal: input.internal ?? row.internal,
    practiceId: input.practiceId === undefined ? row.practiceId : input.practiceId,
  };
  checkRules(next, today);
  if (next.nextContactDate !== null && next.nextContactDate < next.date) {
    throw new ValidationError("The next contact lies before the consultation", [
      { path: input.nextContactDate ? "body.nextContactDate" : "body.date", code: ERROR_CODES.validation, message: "the next contact must not lie before the consultation" },
    ], 422);
  }

  const changes: Changes = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const before = row[key];
    const after = next[key];
    const same = Array.isArray(before) && Array.isArray(after) ? sameList(before, after) : before === after;
    if (!same) changes[key] = { before, after };
  }
  const agsChanged = input.ags !== undefined && !sameList(currentAgs, input.ags);
  if (agsChanged) changes.ags = { before: [...currentAgs].sort(), after: [...(input.ags ?? [])].sort() };
  if (Object.keys(changes).length === 0) return changes;

  const set: Record<string, unknown> = { updatedAt: now };
  for (const key of Object.keys(changes)) if (key !== "ags") set[key] = next[key as keyof typeof next];
  await updateConsultationRow(tx, row.id, set, agsChanged ? input.ags : undefined);
  return changes;
}

export async function withdrawConsultation(tx: Db, found: ConsultationWithAdvisor, now: Date): Promise<void> {
  await updateConsultationRow(tx, found.row.id, { deletedAt: now, updatedAt: now });
}
