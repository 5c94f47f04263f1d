import {
  ERROR_CODES,
  PRACTICE_REFUSALS,
  type PracticeAction,
  type PracticeActor,
  type PracticeAdopter,
  type PracticeAdopterInput,
  type PracticeContact,
  type PracticeContactInput,
  type PracticeCreated,
  type PracticeDetail,
  type PracticeExportItem,
  type PracticeImage,
  type PracticeImageSize,
  practiceImageUrl,
  type PracticeInput,
  type PracticeLinkInput,
  type PracticeList,
  type PracticeListQuery,
  type PracticeStepResult,
  type PracticeUpdate,
  type Rules,
  type Status,
  practicePosition,
  practiceStep,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { type Principal, canSeeNames, requireSignedIn } from "../../lib/access.js";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, type FieldIssue, NotFoundError, outOfScope } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { conceptStatusOf } from "../concepts/concept-state.js";
import { conceptRow, knownAgs, townWideConceptsOf } from "../concepts/concepts.repo.js";
import { hasText, sanitizeDescription } from "./practice-html.js";
import * as repo from "./practices.repo.js";

/*
 * Praxisbeispiele (decision 0033). Every write runs in one transaction with its audit entry. The workflow
 * (who may do what in which state) is the table in @insek/contracts (practice-workflow.ts); this service
 * finds the entry's position and the caller's role in it, applies the cell, and refuses with its code.
 */

export const practiceNotFound = (id: number) => new NotFoundError(ERROR_CODES.practiceNotFound, `Praxisbeispiel ${id} not found`);

/** 412 with the entry as it is now. */
export class PracticeVersionMismatchError extends AppError {
  constructor(readonly current: PracticeDetail) {
    super(412, ERROR_CODES.versionMismatch, "The entry has changed since you read it: reload it and apply your change again");
  }
}

const REFUSAL_STATUS: Record<string, number> = {
  [PRACTICE_REFUSALS.notOwner]: 403,
  [PRACTICE_REFUSALS.editorsOnly]: 403,
};

const REFUSAL_MESSAGES: Record<string, string> = {
  [PRACTICE_REFUSALS.notOwner]: "Only editors (SMR, FS INGE) and the entry's municipalities and author may do this",
  [PRACTICE_REFUSALS.editorsOnly]: "Only editors (SMR, FS INGE) publish and return entries",
  [PRACTICE_REFUSALS.inReview]: "The entry is under review; only editors change it now",
  [PRACTICE_REFUSALS.alreadySubmitted]: "The entry is submitted already",
  [PRACTICE_REFUSALS.notSubmitted]: "Only a submitted entry (or revision) can be published or returned",
  [PRACTICE_REFUSALS.nothingToSubmit]: "The entry is published and has no revision to submit",
  [PRACTICE_REFUSALS.alreadyPublished]: "The entry is published and has no submitted revision",
  [PRACTICE_REFUSALS.withdrawn]: "The entry is withdrawn",
};

function refusal(code: string): AppError {
  return new AppError(REFUSAL_STATUS[code] ?? 409, code, REFUSAL_MESSAGES[code] ?? "Not possible in this state");
}

function refuse(issues: FieldIssue[]): never {
  const [first] = issues;
  throw new AppError(422, first?.code ?? ERROR_CODES.validation, first?.message ?? "The entry breaks a rule", issues);
}

// ---------------------------------------------------------------------------------------------
// Who reads and who acts

const isEditor = (principal: Principal) => principal.kind === "user" && (principal.user.role === "smr" || principal.user.role === "advisor");

function visibilityOf(principal: Principal): repo.PracticeVisibility {
  if (principal.kind !== "user") return { kind: "public" };
  if (isEditor(principal)) return { kind: "all" };
  return { kind: "owner", userId: principal.user.id, ags: principal.user.ags };
}

/** `mine=true`: the reader's own entries (an anonymous reader owns none). */
function ownerFilterOf(principal: Principal): repo.PracticeFilters["ownedBy"] {
  if (principal.kind !== "user") return { userId: null, ags: [] };
  return { userId: principal.user.id, ags: principal.user.ags };
}

/** The caller's column of the workflow table for this entry. */
export function actorOf(principal: Principal, row: Pick<repo.PracticeRow, "author_id" | "ags">): PracticeActor | null {
  if (principal.kind !== "user") return null;
  if (isEditor(principal)) return "editor";
  const { user } = principal;
  if (row.author_id === user.id || row.ags.some((ags) => user.ags.includes(ags))) return "owner";
  return "other";
}

/** Drafts, submitted, returned and withdrawn entries are seen by editors and the entry's owners only. */
function canSee(principal: Principal, row: repo.PracticeRow): boolean {
  if (row.state === "published") return true;
  const actor = actorOf(principal, row);
  return actor === "editor" || actor === "owner";
}

// ---------------------------------------------------------------------------------------------
// Reads

function contactOf(row: { office: string | null; email: string | null; phone: string | null; person: string | null; consentAt: string | null }): PracticeContact | null {
  if (row.office === null) return null;
  return { office: row.office, email: row.email, phone: row.phone, person: row.consentAt ? row.person : null, consentAt: row.person ? row.consentAt : null };
}

function rowContact(row: repo.PracticeRow): PracticeContact | null {
  return contactOf({ office: row.contact_office, email: row.contact_email, phone: row.contact_phone, person: row.contact_person, consentAt: row.contact_consent_at });
}

function criteriaOf(row: repo.PracticeRow) {
  return { innovative: row.innovative, exemplary: row.exemplary, cooperative: row.cooperative };
}

export function imageOf(row: repo.ImageMetaRow): PracticeImage {
  const url = (size: PracticeImageSize) => practiceImageUrl(row, size);
  return {
    id: row.id,
    practiceId: row.practiceId,
    alt: row.alt,
    position: row.position,
    contentType: row.contentType,
    sizes: {
      small: { url: url("small"), width: row.smallWidth, height: row.smallHeight },
      medium: { url: url("medium"), width: row.mediumWidth, height: row.mediumHeight },
      large: { url: url("large"), width: row.largeWidth, height: row.largeHeight },
    },
    createdAt: row.createdAt,
  };
}

export async function listPractices(db: Db, principal: Principal, query: PracticeListQuery): Promise<PracticeList> {
  const filters: repo.PracticeFilters = { ...query, ownedBy: query.mine === true ? ownerFilterOf(principal) : undefined };
  const { rows, total } = await repo.listPracticeRows(db, filters, visibilityOf(principal), { limit: query.limit, offset: query.offset });
  const names = await repo.municipalityNames(db, [...new Set(rows.flatMap((r) => r.ags))]);
  const editorOrOwner = (row: repo.PracticeRow) => {
    const actor = actorOf(principal, row);
    return actor === "editor" || actor === "owner";
  };
  return {
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      phase: row.phase,
      topics: row.topics,
      state: row.state,
      criteria: criteriaOf(row),
      periodFrom: row.period_from,
      periodTo: row.period_to,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      version: row.version,
      adopterCount: row.adopter_count,
      imageId: row.image_id,
      municipalities: row.ags.map((ags) => ({ ags, name: names.get(ags) ?? ags })),
      revisionState: editorOrOwner(row) ? row.revision_state : null,
    })),
    total,
  };
}

async function conceptRefOf(db: Db, id: number | null) {
  if (id === null) return null;
  const row = await conceptRow(db, id);
  return row ? { id: row.id, title: row.title, kind: row.kind, scope: row.scope, status: conceptStatusOf(row) } : null;
}

/** The entry as GET /api/practices/:id answers: 404 for a reader who may not see it. */
export async function practiceDetail(db: Db, rules: Rules, today: string, id: number, principal: Principal): Promise<PracticeDetail> {
  const row = await repo.practiceRow(db, id);
  if (!row || !canSee(principal, row)) throw practiceNotFound(id);
  const actor = actorOf(principal, row);
  const privileged = actor === "editor" || actor === "owner";
  const [facts, concepts, concept, adopters, images, revision, funding] = await Promise.all([
    repo.municipalityFacts(db, rules, row.ags, today),
    townWideConceptsOf(db, rules, row.ags, today),
    conceptRefOf(db, row.concept_id),
    repo.adoptersOf(db, [id]),
    repo.imagesOf(db, [id]),
    privileged ? repo.revisionOf(db, id) : Promise.resolve(undefined),
    repo.fundingRefs(db, row.programme_ids, row.measure_ids),
  ]);
  const factsOf = new Map(facts.map((f) => [f.ags, f]));
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    phase: row.phase,
    topics: row.topics,
    state: row.state,
    criteria: criteriaOf(row),
    periodFrom: row.period_from,
    periodTo: row.period_to,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    version: row.version,
    adopterCount: row.adopter_count,
    imageId: row.image_id,
    descriptionHtml: row.description_html,
    municipalities: row.ags.map((ags) => {
      const f = factsOf.get(ags);
      const c = concepts.get(ags);
      return {
        ags,
        name: f?.name ?? ags,
        districtKey: f?.district_key ?? ags.slice(0, 5),
        districtName: f?.district_name ?? "",
        status: (f?.status ?? "none") as Status,
        concept: c ? { id: c.id, title: c.title, kind: c.kind, scope: c.scope, status: c.status } : null,
      };
    }),
    concept,
    partners: row.partners,
    outcome: row.outcome,
    transferability: row.transferability,
    contact: rowContact(row),
    links: row.links,
    adopters: adopters.map((a) => ({ ags: a.ags, name: a.name, note: a.note, recordedAt: a.recorded_at })),
    images: images.map(imageOf),
    funding,
    returnComment: privileged ? row.return_comment : null,
    revision: revision
      ? {
          state: revision.state,
          returnComment: revision.returnComment,
          content: { ...revision.content, contact: revision.content.contact ? contactOf(revision.content.contact) : null },
          updatedAt: revision.updatedAt,
        }
      : null,
    createdAt: row.created_at,
    author: canSeeNames(principal) && row.author_id ? { id: row.author_id, displayName: row.author_name ?? "", email: privileged ? row.author_email : null } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Rules of the content

const HTTP_URL = /^https?:\/\/[^\s/?#]+/i;

function isHttpUrl(value: string): boolean {
  if (!HTTP_URL.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** The content as it would be stored (sanitised description, contact with its consent), checked rule by rule. */
async function contentOf(
  db: Db,
  ctx: RequestContext,
  input: Omit<PracticeInput, "links" | "contact" | "programmeIds" | "measureIds"> & {
    links?: PracticeLinkInput[] | undefined;
    contact?: PracticeContactInput | null | undefined;
    programmeIds?: string[] | undefined;
    measureIds?: number[] | undefined;
  },
  previous: repo.PracticeContent | null,
): Promise<repo.PracticeContent> {
  const { user } = requireSignedIn(ctx.principal);
  const issues: FieldIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path: `body.${path}`, code, message });

  const descriptionHtml = sanitizeDescription(input.description);
  if (!hasText(descriptionHtml)) add("description", ERROR_CODES.practiceDescriptionEmpty, "the description keeps no text once sanitised");

  const known = await knownAgs(db, input.ags);
  input.ags.forEach((ags, i) => {
    if (!known.has(ags)) add(`ags.${i}`, ERROR_CODES.unknownAgs, `${ags} is no known municipality`);
  });
  const conceptId = input.conceptId ?? null;
  if (conceptId !== null && !(await conceptRow(db, conceptId))) add("conceptId", ERROR_CODES.practiceConceptNotFound, `concept ${conceptId} not found`);

  const links = (input.links ?? []).map((link, i) => {
    if (!isHttpUrl(link.url)) add(`links.${i}.url`, ERROR_CODES.practiceLinkNotHttp, "only http and https links are accepted");
    return { url: link.url, label: link.label ?? null };
  });

  const programmeIds = input.programmeIds ?? [];
  const measureIds = input.measureIds ?? [];
  const [programmes, measures] = await Promise.all([repo.knownProgrammes(db, programmeIds), repo.knownMeasures(db, measureIds)]);
  programmeIds.forEach((id, i) => {
    if (!programmes.has(id)) add(`programmeIds.${i}`, ERROR_CODES.practiceProgrammeNotFound, `programme ${id} not found`);
  });
  measureIds.forEach((id, i) => {
    if (!measures.has(id)) add(`measureIds.${i}`, ERROR_CODES.practiceMeasureNotFound, `measure ${id} not found`);
  });

  let contact: repo.StoredContact | null = null;
  if (input.contact) {
    const person = input.contact.person ?? null;
    const kept = previous?.contact?.person === person && previous.contact.consentAt ? previous.contact : null;
    if (person && !input.contact.personConsent && !kept) {
      add("contact.person", ERROR_CODES.practiceContactConsentRequired, "a person's name needs their consent: set personConsent");
    }
    const consentAt = person ? (input.contact.personConsent ? ctx.clock().toISOString() : (kept?.consentAt ?? null)) : null;
    const consentBy = person ? (input.contact.personConsent ? user.id : (kept?.consentBy ?? null)) : null;
    contact = { office: input.contact.office, email: input.contact.email ?? null, phone: input.contact.phone ?? null, person, consentAt, consentBy };
  }
  if (issues.length > 0) refuse(issues);

  // A municipality account writes for its own municipalities: at least one of the entry's must be its own.
  if (user.role === "municipality" && !input.ags.some((ags) => user.ags.includes(ags))) {
    throw outOfScope("Name at least one of your own municipalities");
  }
  return {
    title: input.title,
    summary: input.summary,
    descriptionHtml,
    ags: input.ags,
    conceptId,
    topics: input.topics,
    phase: input.phase,
    periodFrom: input.periodFrom ?? null,
    periodTo: input.periodTo ?? null,
    partners: input.partners ?? null,
    outcome: input.outcome ?? null,
    transferability: input.transferability ?? null,
    contact,
    links,
    programmeIds,
    measureIds,
  };
}

/** The stored content of an entry (its row). */
function contentOfRow(row: repo.PracticeRow): repo.PracticeContent {
  return {
    title: row.title,
    summary: row.summary,
    descriptionHtml: row.description_html,
    ags: row.ags,
    conceptId: row.concept_id,
    topics: row.topics,
    phase: row.phase,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    partners: row.partners,
    outcome: row.outcome,
    transferability: row.transferability,
    contact:
      row.contact_office === null
        ? null
        : {
            office: row.contact_office,
            email: row.contact_email,
            phone: row.contact_phone,
            person: row.contact_person,
            consentAt: row.contact_consent_at,
            consentBy: row.contact_consent_by,
          },
    links: row.links,
    programmeIds: row.programme_ids,
    measureIds: row.measure_ids,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

export async function createPractice(ctx: RequestContext, input: PracticeInput): Promise<PracticeCreated> {
  const { user } = requireSignedIn(ctx.principal);
  return ctx.db.transaction(async (tx) => {
    const content = await contentOf(tx, { ...ctx, db: tx }, input, null);
    const at = ctx.clock().toISOString();
    const { id, version } = await repo.insertPractice(tx, content, { at, authorId: user.id });
    await recordAudit(ctx, "practice.created", `practice:${id}`, { title: content.title, ags: content.ags, topics: content.topics, phase: content.phase }, { db: tx });
    return { id, version, state: "draft" as const };
  });
}

class StalePracticeError extends Error {}

async function stepResult(db: Db, id: number): Promise<PracticeStepResult> {
  const row = await repo.practiceRow(db, id);
  if (!row) throw practiceNotFound(id);
  return { id, version: row.version, state: row.state, revisionState: row.revision_state };
}

/** The entry locked for a change, the caller's role, and the table's cell for the action (refusals thrown). */
async function lockedFor(tx: Db, ctx: RequestContext, id: number, action: PracticeAction) {
  const locked = await repo.lockPractice(tx, id);
  const row = locked ? await repo.practiceRow(tx, id) : undefined;
  if (!row || !canSee(ctx.principal, row)) throw practiceNotFound(id);
  const actor = actorOf(ctx.principal, row);
  if (!actor) throw practiceNotFound(id);
  const position = practicePosition(row.state, row.revision_state);
  const step = practiceStep(position, action, actor);
  return { row, actor, position, step };
}

export async function updatePractice(ctx: RequestContext, rules: Rules, id: number, change: PracticeUpdate, expectedVersion: number): Promise<PracticeStepResult> {
  const { user } = requireSignedIn(ctx.principal);
  const { criteria, ...fields } = change;
  const changesContent = Object.keys(fields).length > 0;
  const today = todayInSaxony(ctx.clock);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { row, actor, position, step } = await lockedFor(tx, ctx, id, "edit");
      if (criteria && actor !== "editor") throw new AppError(403, ERROR_CODES.practiceCriteriaEditorsOnly, "The criteria are set by editors (SMR, FS INGE) only");
      if (changesContent && "refused" in step) throw refusal(step.refused);
      if (!changesContent && position === "withdrawn") throw refusal(PRACTICE_REFUSALS.withdrawn);
      if (row.version !== expectedVersion) throw new StalePracticeError();
      const at = ctx.clock().toISOString();
      if (criteria && Object.keys(criteria).length > 0) {
        await repo.writeCriteria(tx, id, criteria, at);
        await recordAudit(ctx, "practice.criteria_set", `practice:${id}`, { ...criteria }, { db: tx });
      }
      if (changesContent) {
        const revision = position.startsWith("revision_") ? await repo.revisionOf(tx, id) : undefined;
        const base = revision?.content ?? contentOfRow(row);
        const merged = {
          title: fields.title ?? base.title,
          summary: fields.summary ?? base.summary,
          description: fields.description ?? base.descriptionHtml,
          ags: fields.ags ?? base.ags,
          conceptId: fields.conceptId !== undefined ? fields.conceptId : base.conceptId,
          topics: fields.topics ?? base.topics,
          phase: fields.phase ?? base.phase,
          periodFrom: fields.periodFrom !== undefined ? fields.periodFrom : base.periodFrom,
          periodTo: fields.periodTo !== undefined ? fields.periodTo : base.periodTo,
          partners: fields.partners !== undefined ? fields.partners : base.partners,
          outcome: fields.outcome !== undefined ? fields.outcome : base.outcome,
          transferability: fields.transferability !== undefined ? fields.transferability : base.transferability,
          contact:
            fields.contact !== undefined
              ? fields.contact
              : base.contact
                ? { office: base.contact.office, email: base.contact.email, phone: base.contact.phone, person: base.contact.person }
                : null,
          links: fields.links ?? base.links,
          programmeIds: fields.programmeIds ?? base.programmeIds,
          measureIds: fields.measureIds ?? base.measureIds,
        };
        if (merged.periodFrom && merged.periodTo && merged.periodTo < merged.periodFrom) {
          refuse([{ path: "body.periodTo", code: ERROR_CODES.validation, message: "must not lie before periodFrom" }]);
        }
        const content = await contentOf(tx, { ...ctx, db: tx }, merged, base);
        const next = "next" in step ? step.next : position;
        if (next.startsWith("revision_")) {
          await repo.writeRevision(tx, id, { content }, { at, by: user.id });
          await repo.touchPractice(tx, id, at);
        } else {
          await repo.writeContent(tx, id, content, at);
        }
        await recordAudit(
          ctx,
          next.startsWith("revision_") ? "practice.revision_updated" : "practice.updated",
          `practice:${id}`,
          { fields: Object.keys(fields) },
          { db: tx },
        );
      }
      return stepResult(tx, id);
    });
  } catch (error) {
    if (error instanceof StalePracticeError) throw new PracticeVersionMismatchError(await practiceDetail(ctx.db, rules, today, id, ctx.principal));
    throw error;
  }
}

const STEP_AUDIT: Record<Exclude<PracticeAction, "edit">, string> = {
  submit: "practice.submitted",
  publish: "practice.published",
  return: "practice.returned",
  withdraw: "practice.withdrawn",
};

/** POST /api/practices/:id/submit|publish|return|withdraw: the table's cell, applied. */
export async function practiceWorkflowStep(
  ctx: RequestContext,
  id: number,
  action: Exclude<PracticeAction, "edit">,
  comment: string | null = null,
): Promise<PracticeStepResult> {
  const { user } = requireSignedIn(ctx.principal);
  return ctx.db.transaction(async (tx) => {
    const { position, step } = await lockedFor(tx, ctx, id, action);
    if ("refused" in step) throw refusal(step.refused);
    const at = ctx.clock().toISOString();
    const { next } = step;
    const revision = position.startsWith("revision_");
    if (action === "withdraw") {
      await repo.deleteRevision(tx, id);
      await repo.writeState(tx, id, { state: "withdrawn" }, at);
    } else if (action === "publish" && revision) {
      const open = await repo.revisionOf(tx, id);
      if (!open) throw new Error(`practice ${id}: revision vanished`);
      await repo.writeContent(tx, id, open.content, at);
      await repo.deleteRevision(tx, id);
      await repo.writeState(tx, id, { state: "published", returnComment: null, published: true }, at);
    } else if (next.startsWith("revision_")) {
      const state = next.slice("revision_".length) as "draft" | "submitted" | "returned";
      await repo.writeRevision(tx, id, { state, ...(action === "return" ? { returnComment: comment } : {}) }, { at, by: user.id });
      await repo.touchPractice(tx, id, at);
    } else {
      const state = next as "submitted" | "returned" | "published";
      await repo.writeState(
        tx,
        id,
        { state, ...(action === "return" ? { returnComment: comment } : action === "publish" ? { returnComment: null } : {}), published: action === "publish" },
        at,
      );
    }
    await recordAudit(ctx, STEP_AUDIT[action], `practice:${id}`, { from: position, to: next, ...(comment ? { comment } : {}) }, { db: tx });
    return stepResult(tx, id);
  });
}

/** POST /api/practices/:id/adopters: a municipality that adopted a published entry (advisors and smr for any, a municipality for itself). */
export async function addAdopter(ctx: RequestContext, id: number, input: PracticeAdopterInput): Promise<PracticeAdopter> {
  const { user } = requireSignedIn(ctx.principal);
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockPractice(tx, id);
    const row = locked ? await repo.practiceRow(tx, id) : undefined;
    if (!row || !canSee(ctx.principal, row)) throw practiceNotFound(id);
    if (row.state !== "published") throw new AppError(409, ERROR_CODES.practiceNotPublished, "Adopters are recorded on published entries only");
    if (user.role === "municipality" && !user.ags.includes(input.ags)) throw outOfScope("A municipality account records its own adoption only");
    if (!(await knownAgs(tx, [input.ags])).has(input.ags)) {
      refuse([{ path: "body.ags", code: ERROR_CODES.unknownAgs, message: `${input.ags} is no known municipality` }]);
    }
    if (row.ags.includes(input.ags)) {
      refuse([{ path: "body.ags", code: ERROR_CODES.practiceAdopterIsMunicipality, message: "a municipality of the entry cannot adopt it" }]);
    }
    const at = ctx.clock().toISOString();
    const inserted = await repo.insertAdopter(tx, { practiceId: id, ags: input.ags, note: input.note ?? null, recordedBy: user.id, at });
    if (!inserted) throw new AppError(409, ERROR_CODES.practiceAdopterDuplicate, `${input.ags} is recorded as an adopter already`);
    await recordAudit(ctx, "practice.adopter_added", `practice:${id}`, { ags: input.ags }, { db: tx });
    const [adopter] = (await repo.adoptersOf(tx, [id])).filter((a) => a.ags === input.ags);
    if (!adopter) throw new Error("adopter vanished");
    return { ags: adopter.ags, name: adopter.name, note: adopter.note, recordedAt: adopter.recorded_at };
  });
}

// ---------------------------------------------------------------------------------------------
// Open data: feed, CSV, JSON (published entries only, whoever asks)

export interface PublishedEntry extends PracticeExportItem {
  descriptionHtml: string;
  lastPublishedAt: string;
}

export async function publishedEntries(db: Db, publicUrl: string, filters: Omit<repo.PracticeFilters, "state">, limit?: number): Promise<PublishedEntry[]> {
  const { rows } = await repo.listPracticeRows(db, filters, { kind: "public" }, limit ? { limit, offset: 0 } : null);
  const ids = rows.map((r) => r.id);
  const [names, adopters] = await Promise.all([repo.municipalityNames(db, [...new Set(rows.flatMap((r) => r.ags))]), repo.adoptersOf(db, ids)]);
  const base = publicUrl.replace(/\/+$/, "");
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    ags: row.ags,
    municipalities: row.ags.map((ags) => names.get(ags) ?? ags),
    topics: row.topics,
    phase: row.phase,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    partners: row.partners,
    outcome: row.outcome,
    transferability: row.transferability,
    innovative: row.innovative,
    exemplary: row.exemplary,
    cooperative: row.cooperative,
    adopterCount: row.adopter_count,
    adopters: adopters.filter((a) => a.practice_id === row.id).map((a) => a.ags),
    publishedAt: row.published_at ?? row.updated_at,
    url: `${base}/praxisbeispiele/${row.id}`,
    descriptionHtml: row.description_html,
    lastPublishedAt: row.last_published_at ?? row.published_at ?? row.updated_at,
  }));
}
