import { createHash } from "node:crypto";
import {
  AREA_CONCEPT_KINDS,
  type ConceptDetail,
  type ConceptDocument,
  type ConceptInput,
  type ConceptKind,
  type ConceptList,
  type ConceptListQuery,
  type ConceptRecordKind,
  type ConceptScope,
  type ConceptUpdate,
  ERROR_CODES,
  type EventInput,
  type Resolution,
  type ResolutionCreated,
  type ResolutionInput,
  type Rules,
  type DocumentKind,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { type Principal, canSeeNames, eventSourceOf, requireSignedIn } from "../../lib/access.js";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, type FieldIssue, NotFoundError, forbidden, outOfScope } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import { checkUpload } from "../../lib/uploads/check-upload.js";
import { UPLOAD_KINDS, UploadTooLargeError, UploadTypeError } from "../../lib/uploads/upload-limits.js";
import { canWriteMunicipality } from "../accounts/accounts.service.js";
import { auditEntry, recordAudit } from "../audit/audit.service.js";
import { correctableSources, recordedViaOf } from "../events/event-visibility.js";
import { recordEventIn } from "../events/events.service.js";
import { conceptStatusOf, isUpdateRecommended, updateRecommendedYearsOf } from "./concept-state.js";
import * as repo from "./concepts.repo.js";

/*
 * Concepts as records (decision 0027). Every write runs in one transaction with its audit entry; a council
 * resolution also writes the member's status event through the events write path (same rules, same audit).
 */

export interface ConceptDeps {
  rules: Rules;
  /** PUBLIC_URL: the status event of a resolution links an uploaded document with it. */
  publicUrl: string;
}

const TOWN_WIDE: readonly ConceptRecordKind[] = ["INSEK", "INGEKO"];
const isTownWideScope = (scope: ConceptScope) => scope === "municipal" || scope === "joint";

export const conceptNotFound = (id: number) => new NotFoundError(ERROR_CODES.conceptNotFound, `Concept ${id} not found`);
const documentNotFound = (id: number) => new NotFoundError(ERROR_CODES.documentNotFound, `Document ${id} not found`);

/** 412 with the concept as it is now, so that the client can show what changed. */
export class ConceptVersionMismatchError extends AppError {
  constructor(readonly current: ConceptDetail) {
    super(412, ERROR_CODES.versionMismatch, "The concept has changed since you read it: reload it and apply your change again");
  }
}

/** 422 with one issue per broken rule; the code is the first one's. */
function refuse(issues: FieldIssue[]): never {
  const [first] = issues;
  throw new AppError(422, first?.code ?? ERROR_CODES.validation, first?.message ?? "The concept breaks a rule", issues);
}

// ---------------------------------------------------------------------------------------------
// Reads

function toDocument(row: repo.DocumentRow): ConceptDocument {
  return {
    id: row.id,
    conceptId: row.concept_id,
    kind: row.kind,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    url: row.url,
    downloadPath: row.url === null ? `/api/documents/${row.id}` : null,
    createdAt: row.created_at,
  };
}

function toResolution(row: repo.ResolutionRow): Resolution {
  return {
    id: row.id,
    ags: row.ags,
    name: row.name,
    date: row.date,
    decisionNumber: row.decision_number,
    body: row.body,
    documentId: row.document_id,
    eventId: row.event_id,
    recordedAt: row.recorded_at,
  };
}

function summaryOf(row: repo.ConceptRow, rules: Rules, today: string) {
  const status = conceptStatusOf(row);
  const years = updateRecommendedYearsOf(rules);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    scope: row.scope,
    status,
    leadAgs: row.lead_ags,
    parentId: row.parent_id,
    updatesId: row.updates_id,
    updatedById: row.updated_by_id,
    horizonYear: row.horizon_year,
    memberCount: row.member_count,
    adoptedCount: row.adopted_count,
    adoptedAt: row.adopted_at,
    updateRecommended: isUpdateRecommended(row.adopted_at, status, years, today),
    updateRecommendedYears: years,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function listConcepts(db: Db, rules: Rules, today: string, query: ConceptListQuery): Promise<ConceptList> {
  const { rows, total } = await repo.listConceptRows(
    db,
    {
      ags: query.ags,
      association: query.association ? { key: query.association, on: today } : undefined,
      scope: query.scope,
      kind: query.kind,
      status: query.status,
      q: query.q,
    },
    { limit: query.limit, offset: query.offset },
  );
  const members = await repo.membersOf(db, rows.map((r) => r.id));
  return {
    items: rows.map((row) => ({
      ...summaryOf(row, rules, today),
      members: members
        .filter((m) => m.concept_id === row.id)
        .map((m) => ({ ags: m.ags, name: m.name, adopted: m.council_resolution_date !== null })),
    })),
    total,
  };
}

/** The concept as GET /api/concepts/:id answers; names of people only for signed-in readers. */
export async function conceptDetail(db: Db, rules: Rules, today: string, id: number, principal: Principal): Promise<ConceptDetail> {
  const row = await repo.conceptRow(db, id);
  if (!row) throw conceptNotFound(id);
  const [members, participation, documents, resolutions, areaConcepts, parents] = await Promise.all([
    repo.membersOf(db, [id]),
    repo.participationOf(db, id),
    repo.documentsOf(db, id),
    repo.resolutionsOf(db, id),
    repo.areaConceptsOf(db, id),
    repo.conceptRefs(db, row.parent_id === null ? [] : [row.parent_id]),
  ]);
  const parent = parents[0];
  return {
    ...summaryOf(row, rules, today),
    note: row.note,
    members: members.map((m) => ({
      ags: m.ags,
      name: m.name,
      lead: m.lead,
      status: m.status,
      councilResolutionDate: m.council_resolution_date,
      decisionNumber: m.decision_number,
      adopted: m.council_resolution_date !== null,
    })),
    parent: parent ? { id: parent.id, title: parent.title, kind: parent.kind, scope: parent.scope } : null,
    areaConcepts: areaConcepts.map((a) => ({ id: a.id, title: a.title, kind: a.kind, scope: a.scope, status: a.status as ConceptDetail["status"] })),
    participation,
    documents: documents.map(toDocument),
    resolutions: resolutions.map(toResolution),
    createdAt: row.created_at,
    createdBy: canSeeNames(principal) ? row.created_by : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Rules and access

interface ConceptState {
  title: string;
  kind: ConceptRecordKind;
  scope: ConceptScope;
  members: string[];
  leadAgs: string | null;
  parentId: number | null;
  updatesId: number | null;
  horizonYear: number | null;
  note: string | null;
}

/**
 * The rules between a concept's fields, checked on the concept as it would be (a new one, or the stored
 * one with a change applied): one 422 code per rule, each issue at its field.
 */
async function checkRules(db: Db, state: ConceptState, selfId: number | null): Promise<void> {
  const issues: FieldIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path: `body.${path}`, code, message });

  const seen = new Set<string>();
  state.members.forEach((ags, i) => {
    if (seen.has(ags)) add(`members.${i}`, ERROR_CODES.conceptMemberDuplicate, `${ags} is named twice`);
    seen.add(ags);
  });
  const known = await repo.knownAgs(db, state.members);
  state.members.forEach((ags, i) => {
    if (!known.has(ags)) add(`members.${i}`, ERROR_CODES.unknownAgs, `${ags} is no known municipality`);
  });
  if (isTownWideScope(state.scope) !== TOWN_WIDE.includes(state.kind)) {
    add("kind", ERROR_CODES.conceptKindScopeMismatch, `a ${state.scope} concept is ${isTownWideScope(state.scope) ? "INSEK or INGEKO" : AREA_CONCEPT_KINDS.join(", ")}`);
  }
  const distinct = seen.size;
  if (state.scope === "municipal" && distinct !== 1) add("members", ERROR_CODES.conceptMunicipalOneMember, "a municipal concept has exactly one member");
  if (state.scope === "joint" && distinct < 2) add("members", ERROR_CODES.conceptJointTwoMembers, "a joint concept has at least two members");
  if (state.scope === "area" && distinct !== 1) add("members", ERROR_CODES.conceptAreaOneMember, "an area concept has exactly one municipality");
  if (state.leadAgs !== null && !state.members.includes(state.leadAgs)) add("leadAgs", ERROR_CODES.conceptLeadNotMember, "the lead must be a member");

  if (state.scope === "area" && state.parentId === null) {
    add("parentId", ERROR_CODES.conceptAreaParentRequired, "an area concept is derived from a town-wide concept: name it");
  }
  if (state.scope !== "area" && state.parentId !== null) add("parentId", ERROR_CODES.conceptParentOnlyForArea, "only an area concept has a parent");
  const named = [state.parentId, state.updatesId].filter((id): id is number => id !== null);
  const refs = new Map((await repo.conceptRefs(db, named)).map((r) => [r.id, r]));
  if (state.scope === "area" && state.parentId !== null) {
    const parent = refs.get(state.parentId);
    if (!parent || parent.id === selfId) add("parentId", ERROR_CODES.conceptParentNotFound, `concept ${state.parentId} not found`);
    else if (!isTownWideScope(parent.scope)) add("parentId", ERROR_CODES.conceptParentNotTownWide, "the parent must be a town-wide concept (INSEK or INGEKO)");
    else if (!state.members.every((ags) => parent.members.includes(ags))) {
      add("parentId", ERROR_CODES.conceptParentNotCovering, "the parent concept does not cover the area's municipality");
    }
  }
  if (state.updatesId !== null) {
    if (state.updatesId === selfId) add("updatesId", ERROR_CODES.conceptUpdatesItself, "a concept cannot update itself");
    else if (!refs.has(state.updatesId)) add("updatesId", ERROR_CODES.conceptUpdatesNotFound, `concept ${state.updatesId} not found`);
  }
  if (issues.length > 0) refuse(issues);
}

/**
 * May the principal change a concept with these members? smr always; an advisor when every member is
 * assigned to them today; a municipality account when it speaks for one of the members.
 */
async function assertMayEdit(ctx: Pick<RequestContext, "principal" | "clock" | "db">, members: readonly string[]): Promise<void> {
  const { user } = requireSignedIn(ctx.principal);
  if (user.role === "smr") return;
  if (user.role === "municipality") {
    if (!members.some((ags) => user.ags.includes(ags))) throw outOfScope("Your municipality is not a member of this concept");
    return;
  }
  for (const ags of members) {
    if (!(await canWriteMunicipality(ctx, ags))) throw outOfScope(`Municipality ${ags} is not assigned to you today`);
  }
}

function leadOf(scope: ConceptScope, members: readonly string[], lead: string | null | undefined): string | null {
  if (lead) return lead;
  return members[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes

export async function createConcept(ctx: RequestContext, rules: Rules, input: ConceptInput): Promise<ConceptDetail> {
  const { user } = requireSignedIn(ctx.principal);
  if (user.role === "municipality") throw forbidden("Municipality accounts edit the concepts they are members of; SMR and FS INGE create them");
  const state: ConceptState = {
    title: input.title,
    kind: input.kind,
    scope: input.scope,
    members: input.members,
    leadAgs: leadOf(input.scope, input.members, input.leadAgs),
    parentId: input.parentId ?? null,
    updatesId: input.updatesId ?? null,
    horizonYear: input.horizonYear ?? null,
    note: input.note ?? null,
  };
  await assertMayEdit(ctx, input.members);
  const today = todayInSaxony(ctx.clock);
  return ctx.db.transaction(async (tx) => {
    await checkRules(tx, state, null);
    const at = ctx.clock().toISOString();
    const id = await repo.insertConcept(tx, state, { origin: "recorded", at, createdBy: user.id });
    await repo.replaceMembers(tx, id, state.members, state.leadAgs);
    await repo.replaceParticipation(tx, id, input.participation ?? []);
    await recordAudit(
      ctx,
      "concept.created",
      `concept:${id}`,
      { title: state.title, kind: state.kind, scope: state.scope, members: state.members, leadAgs: state.leadAgs, parentId: state.parentId, updatesId: state.updatesId },
      { db: tx },
    );
    return conceptDetail(tx, rules, today, id, ctx.principal);
  });
}

export async function updateConcept(ctx: RequestContext, rules: Rules, id: number, change: ConceptUpdate, expectedVersion: number): Promise<ConceptDetail> {
  requireSignedIn(ctx.principal);
  const today = todayInSaxony(ctx.clock);
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await repo.lockConcept(tx, id);
      if (!locked) throw conceptNotFound(id);
      const current = await conceptDetail(tx, rules, today, id, ctx.principal);
      const currentMembers = current.members.map((m) => m.ags);
      await assertMayEdit({ ...ctx, db: tx }, currentMembers);
      if (locked.version !== expectedVersion) throw new StaleConceptError();
      const members = change.members ?? currentMembers;
      if (change.members) await assertMayEdit({ ...ctx, db: tx }, change.members);
      const scope = change.scope ?? current.scope;
      const keptLead = current.leadAgs !== null && members.includes(current.leadAgs) ? current.leadAgs : null;
      const state: ConceptState = {
        title: change.title ?? current.title,
        kind: change.kind ?? current.kind,
        scope,
        members,
        leadAgs: change.leadAgs !== undefined ? leadOf(scope, members, change.leadAgs) : leadOf(scope, members, keptLead),
        parentId: change.parentId !== undefined ? change.parentId : current.parentId,
        updatesId: change.updatesId !== undefined ? change.updatesId : current.updatesId,
        horizonYear: change.horizonYear !== undefined ? change.horizonYear : current.horizonYear,
        note: change.note !== undefined ? change.note : current.note,
      };
      await checkRules(tx, state, id);
      if (change.members) {
        const adopted = await repo.membersWithResolution(tx, id);
        const removed = currentMembers.filter((ags) => !members.includes(ags) && adopted.has(ags));
        if (removed.length > 0) {
          refuse(
            removed.map((ags) => ({
              path: "body.members",
              code: ERROR_CODES.conceptMemberHasResolution,
              message: `${ags} has adopted this concept: it stays a member`,
            })),
          );
        }
      }
      if (!isTownWideScope(state.scope) && (await repo.childCount(tx, id)) > 0) {
        refuse([{ path: "body.scope", code: ERROR_CODES.conceptParentNotTownWide, message: "area concepts are derived from this concept: it stays town-wide" }]);
      }
      await repo.updateConceptFields(tx, id, state, ctx.clock().toISOString());
      if (change.members || change.leadAgs !== undefined) await repo.replaceMembers(tx, id, state.members, state.leadAgs);
      if (change.participation) await repo.replaceParticipation(tx, id, change.participation);
      await recordAudit(ctx, "concept.updated", `concept:${id}`, { fields: Object.keys(change).sort(), version: locked.version + 1 }, { db: tx });
      return conceptDetail(tx, rules, today, id, ctx.principal);
    });
  } catch (error) {
    if (!(error instanceof StaleConceptError)) throw error;
    throw new ConceptVersionMismatchError(await conceptDetail(ctx.db, rules, today, id, ctx.principal));
  }
}

class StaleConceptError extends Error {}

/**
 * Records one member council's resolution adopting the concept, in one transaction: the resolution, and
 * (for a town-wide concept) the member's status event council_adopted carrying the concept's id, written
 * through the events write path with all its rules; its audit entries; the concept's version moves on.
 */
export async function recordResolution(ctx: RequestContext, deps: ConceptDeps, id: number, input: ResolutionInput): Promise<ResolutionCreated> {
  const principal = requireSignedIn(ctx.principal);
  const { user } = principal;
  const today = todayInSaxony(ctx.clock);
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockConcept(tx, id);
    if (!locked) throw conceptNotFound(id);
    const row = await repo.conceptRow(tx, id);
    if (!row) throw conceptNotFound(id);
    if (!(await canWriteMunicipality({ ...ctx, db: tx }, input.ags))) throw outOfScope(`Municipality ${input.ags} is outside your account's scope`);

    const issues: FieldIssue[] = [];
    const members = await repo.membersOf(tx, [id]);
    if (!members.some((m) => m.ags === input.ags)) {
      issues.push({ path: "body.ags", code: ERROR_CODES.resolutionNotMember, message: `${input.ags} is not a member of this concept` });
    }
    if (input.date > today) issues.push({ path: "body.date", code: ERROR_CODES.resolutionDateInFuture, message: "a council resolution cannot lie in the future" });
    let document: repo.DocumentRow | undefined;
    if (input.documentId != null) {
      document = await repo.documentRow(tx, input.documentId);
      if (!document || document.concept_id !== id) {
        issues.push({ path: "body.documentId", code: ERROR_CODES.resolutionDocumentNotFound, message: `document ${input.documentId} is not a document of this concept` });
      }
    }
    if (issues.length > 0) refuse(issues);

    let created: { event: ResolutionCreated["event"]; version: number | null } = { event: null, version: null };
    if (TOWN_WIDE.includes(row.kind)) {
      const documentUrl = document ? (document.url ?? `${deps.publicUrl}/api/documents/${document.id}`) : null;
      const event: EventInput = {
        type: "status",
        status: "council_adopted",
        conceptKind: row.kind as ConceptKind,
        effectiveDate: input.date,
        councilResolutionDate: input.date,
        documentUrl,
        horizonYear: row.horizon_year,
      };
      const written = await recordEventIn(tx, { db: tx, clock: ctx.clock, rules: deps.rules }, input.ags, event, "current", {
        userId: user.id,
        via: recordedViaOf(principal),
        defaultSource: eventSourceOf(user),
        correctable: correctableSources(user.role),
        conceptId: id,
        auditEntry: ({ type, status, effectiveDate, supersedes, version }) =>
          auditEntry(ctx, "status_event.created", `municipality:${input.ags}`, { type, status, effectiveDate, supersedes, version, conceptId: id }),
      });
      created = written;
    }
    const resolution = await repo.insertResolution(tx, {
      conceptId: id,
      ags: input.ags,
      date: input.date,
      decisionNumber: input.decisionNumber ?? null,
      body: input.body ?? null,
      documentId: input.documentId ?? null,
      eventId: created.event?.id ?? null,
      recordedAt: ctx.clock().toISOString(),
      recordedBy: user.id,
    });
    await repo.touchConcept(tx, id, ctx.clock().toISOString());
    await recordAudit(
      ctx,
      "concept.resolution_recorded",
      `concept:${id}`,
      { resolutionId: resolution.id, ags: input.ags, date: input.date, decisionNumber: input.decisionNumber ?? null, eventId: resolution.event_id },
      { db: tx },
    );
    return { event: created.event, version: created.version, resolution: toResolution(resolution) };
  });
}

/** An uploaded file as the route read it. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

/** A file name fit for storing and for Content-Disposition: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-200);
  return clean === "" || clean === "." || clean === ".." ? "dokument.pdf" : clean;
}

/** Adds a document (an uploaded PDF, checked by its bytes, or a link) to the concept, in one transaction with its audit entry. */
export async function addDocument(
  ctx: RequestContext,
  id: number,
  what: { kind: DocumentKind; title: string | null; file?: UploadedFile; url?: string },
): Promise<ConceptDocument> {
  const { user } = requireSignedIn(ctx.principal);
  let file: repo.NewDocument["file"];
  if (what.file) {
    try {
      const mediaType = await checkUpload(UPLOAD_KINDS.document, what.file.content);
      file = { name: cleanFileName(what.file.fileName), mediaType, sha256: createHash("sha256").update(what.file.content).digest("hex"), content: what.file.content };
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw documentTooLarge();
      if (error instanceof UploadTypeError) {
        throw new AppError(422, ERROR_CODES.documentNotPdf, `The file is not a PDF (${error.message})`, [
          { path: "body.file", code: ERROR_CODES.documentNotPdf, message: "the file's bytes are not a PDF" },
        ]);
      }
      throw error;
    }
  }
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockConcept(tx, id);
    if (!locked) throw conceptNotFound(id);
    const members = (await repo.membersOf(tx, [id])).map((m) => m.ags);
    await assertMayEdit({ ...ctx, db: tx }, members);
    const at = ctx.clock().toISOString();
    const documentId = await repo.insertDocument(tx, {
      conceptId: id,
      kind: what.kind,
      title: what.title ?? file?.name ?? null,
      ...(file ? { file } : {}),
      ...(what.url !== undefined ? { url: what.url } : {}),
      createdBy: user.id,
      createdAt: at,
    });
    await repo.touchConcept(tx, id, at);
    await recordAudit(
      ctx,
      file ? "document.uploaded" : "document.linked",
      `concept:${id}`,
      { documentId, kind: what.kind, ...(file ? { fileName: file.name, size: file.content.length, sha256: file.sha256 } : { url: what.url }) },
      { db: tx },
    );
    const row = await repo.documentRow(tx, documentId);
    if (!row) throw documentNotFound(documentId);
    return toDocument(row);
  });
}

export function documentTooLarge(): AppError {
  const message = `The file is larger than ${UPLOAD_KINDS.document.maxBytes / 1024 / 1024} MB`;
  return new AppError(422, ERROR_CODES.documentTooLarge, message, [{ path: "body.file", code: ERROR_CODES.documentTooLarge, message }]);
}

export async function documentForDownload(db: Db, id: number) {
  const found = await repo.documentContent(db, id);
  if (!found) throw documentNotFound(id);
  return found;
}
