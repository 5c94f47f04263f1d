import {
  ERROR_CODES,
  type EventInput,
  type InsekRecord,
  type Role,
  STATUSES,
  type Status,
  type StatusEvent,
  type TransitionFrom,
  correctableSources,
  councilResolutionIssues,
  effectiveDateIssues,
  eventInputSchema,
  isAllowedTransition,
  todayInSaxony,
} from "@insek/contracts";
import { isIsoDate } from "../form/german-date";

/** The update form's fields as the inputs hold them (strings; "" = not given). */
export interface RecordFormValues {
  status: string;
  conceptKind: string;
  effectiveDate: string;
  councilResolutionDate: string;
  documentUrl: string;
  horizonYear: string;
  note: string;
  noteInternal: boolean;
}

export const RECORD_FORM_FIELDS = [
  "status",
  "conceptKind",
  "effectiveDate",
  "councilResolutionDate",
  "documentUrl",
  "horizonYear",
  "note",
  "noteInternal",
] as const satisfies readonly (keyof RecordFormValues)[];
export type RecordFormField = (typeof RECORD_FORM_FIELDS)[number];

/** Kinds of problems the form words itself; anything else shows the server's message. */
export type IssueKind =
  | "required"
  | "format"
  | "date"
  | "url"
  | "number"
  | "tooLong"
  | "invalidTransition"
  | "councilResolutionRequired"
  | "councilResolutionAfterEffective"
  | "councilResolutionInFuture"
  | "adoptionRequired"
  | "previousAdoptionRequired"
  | "fundingEligibleBySmrOnly"
  | "effectiveDateOutOfRange"
  | "conceptKindRequired";

/** The status rules' 422 codes, worded in the UI's language instead of the server's English message. */
const RULE_KINDS: Partial<Record<string, IssueKind>> = {
  [ERROR_CODES.invalidTransition]: "invalidTransition",
  [ERROR_CODES.councilResolutionRequired]: "councilResolutionRequired",
  [ERROR_CODES.councilResolutionAfterEffective]: "councilResolutionAfterEffective",
  [ERROR_CODES.councilResolutionInFuture]: "councilResolutionInFuture",
  [ERROR_CODES.adoptionRequired]: "adoptionRequired",
  [ERROR_CODES.previousAdoptionRequired]: "previousAdoptionRequired",
  [ERROR_CODES.fundingEligibleBySmrOnly]: "fundingEligibleBySmrOnly",
  [ERROR_CODES.effectiveDateOutOfRange]: "effectiveDateOutOfRange",
  [ERROR_CODES.conceptKindRequired]: "conceptKindRequired",
};
export interface FieldIssue {
  field: RecordFormField | null;
  kind: IssueKind | null;
  message: string;
}

/**
 * The form's start: no status chosen; what belongs to a new status (resolution date, document, target year)
 * empty, so that nothing of the previous concept is stored as new by mistake. The concept kind is kept (the
 * API inherits it anyway).
 */
export function initialFormValues(record: Pick<InsekRecord, "conceptKind">): RecordFormValues {
  return {
    status: "",
    conceptKind: record.conceptKind ?? "",
    effectiveDate: "",
    councilResolutionDate: "",
    documentUrl: "",
    horizonYear: "",
    note: "",
    noteInternal: false,
  };
}

/** Statuses that keep the concept on record (its recognition, its update): its document and target year carry over. */
const SAME_CONCEPT: readonly string[] = ["funding_eligible", "updating"];

/**
 * The values after choosing `status`: the document and target year of the concept on record are proposed for
 * a status about that same concept, and start empty for any other (a new concept, none); what the user typed
 * stays. The council resolution date is never proposed: an adoption is always a new resolution.
 */
export function withStatus(values: RecordFormValues, status: string, record: Pick<InsekRecord, "documentUrl" | "horizonYear">): RecordFormValues {
  const proposed = (forStatus: string) =>
    SAME_CONCEPT.includes(forStatus)
      ? { documentUrl: record.documentUrl ?? "", horizonYear: record.horizonYear === null ? "" : String(record.horizonYear) }
      : { documentUrl: "", horizonYear: "" };
  const before = proposed(values.status);
  const after = proposed(status);
  return {
    ...values,
    status,
    documentUrl: values.documentUrl === before.documentUrl ? after.documentUrl : values.documentUrl,
    horizonYear: values.horizonYear === before.horizonYear ? after.horizonYear : values.horizonYear,
  };
}

/** The entry "correct the last entry" replaces, and the status before it (what a correction changes from). */
export interface CorrectionTarget {
  event: StatusEvent;
  before: TransitionFrom;
}

/**
 * The last entry of the status history that decides the record (the latest live status event of the
 * municipality itself, by effective date), when the account may correct it (its source is one the account may
 * record); with the status before it, from which the correction's status is chosen (the same status again too).
 */
export function correctionTarget(events: readonly StatusEvent[], role: Role): CorrectionTarget | null {
  const live = events
    .filter((event) => event.type === "status" && event.status !== null && event.supersededBy === null && event.predecessor === null)
    .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.id - b.id : a.effectiveDate < b.effectiveDate ? -1 : 1));
  const event = live.at(-1);
  if (!event || !correctableSources(role).includes(event.source)) return null;
  return { event, before: live.at(-2)?.status ?? "initial" };
}

/** The corrected entry's values, to change what was wrong (its note too, so nothing is lost by accident). */
export function correctionValues(event: StatusEvent): RecordFormValues {
  return {
    status: event.status ?? "",
    conceptKind: event.conceptKind ?? "",
    effectiveDate: event.effectiveDate,
    councilResolutionDate: event.councilResolutionDate ?? "",
    documentUrl: event.documentUrl ?? "",
    horizonYear: event.horizonYear === null ? "" : String(event.horizonYear),
    note: event.note ?? "",
    noteInternal: event.noteInternal,
  };
}

/** The statuses the form offers: allowed transitions from the current one; funding eligibility by SMR only. */
export function selectableStatuses(current: TransitionFrom | null, role: Role): Status[] {
  return STATUSES.filter(
    (status) =>
      (current === null || isAllowedTransition(current, status)) && (status !== "funding_eligible" || role === "smr"),
  );
}

export interface RecordFormOptions {
  internalNoteAllowed: boolean;
  /** The id of the entry this one corrects ("correct the last entry"). */
  supersedes?: number | undefined;
}

export function toEventInput(values: RecordFormValues, options: RecordFormOptions): Record<string, unknown> {
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const year = text(values.horizonYear);
  return {
    type: "status",
    status: text(values.status),
    conceptKind: text(values.conceptKind),
    effectiveDate: text(values.effectiveDate),
    councilResolutionDate: text(values.councilResolutionDate),
    documentUrl: text(values.documentUrl),
    horizonYear: year === undefined ? undefined : /^\d+$/.test(year) ? Number(year) : year,
    note: text(values.note),
    ...(options.internalNoteAllowed && values.noteInternal ? { noteInternal: true } : {}),
    ...(options.supersedes === undefined ? {} : { supersedes: options.supersedes }),
  };
}

function fieldOf(path: string): RecordFormField | null {
  const name = path.replace(/^body\./, "").split(".")[0] ?? "";
  return (RECORD_FORM_FIELDS as readonly string[]).includes(name) ? (name as RecordFormField) : null;
}

function kindOf(field: RecordFormField | null, code: string): IssueKind | null {
  const dateField = field === "effectiveDate" || field === "councilResolutionDate";
  if (dateField && ["invalid_format", "invalid_type", "invalid_value", "custom", ERROR_CODES.dateOutOfRange].includes(code)) return "date";
  if (field === "documentUrl" && (code === "invalid_format" || code === "invalid_type")) return "url";
  if (field === "horizonYear" && ["invalid_type", "too_small", "too_big"].includes(code)) return "number";
  if (code === "too_big") return "tooLong";
  if (code === "invalid_format" || code === "invalid_type" || code === "invalid_value") return "format";
  return null;
}

/**
 * The contracts' date rules that need nothing but the form and today (effective date not in the future,
 * council resolution required for an adoption, not in the future, not after the effective date), checked
 * before sending; dates not yet complete are left to the format check.
 */
export function dateRuleIssues(values: RecordFormValues, today: string): FieldIssue[] {
  const effective = values.effectiveDate.trim();
  const resolution = values.councilResolutionDate.trim();
  if ((effective !== "" && !isIsoDate(effective)) || (resolution !== "" && !isIsoDate(resolution))) return [];
  const status = (STATUSES as readonly string[]).includes(values.status) ? (values.status as Status) : undefined;
  const effectiveDate = effective === "" ? today : effective;
  const issues = [
    ...(effective === "" ? [] : effectiveDateIssues(effectiveDate, today)),
    ...councilResolutionIssues({ status, councilResolutionDate: resolution === "" ? null : resolution }, effectiveDate, today),
  ];
  return serverIssues(issues);
}

/** Client-side check with the shared contract (its zod schema and date rules); null when valid. */
export function validateRecordForm(
  values: RecordFormValues,
  options: RecordFormOptions,
  today: string = todayInSaxony(),
): { input: EventInput; issues: null } | { input: null; issues: FieldIssue[] } {
  const parsed = eventInputSchema.safeParse(toEventInput(values, options));
  const rules = dateRuleIssues(values, today);
  if (parsed.success && rules.length === 0) return { input: parsed.data, issues: null };
  const shapeIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const field = fieldOf(issue.path.map(String).join("."));
        const required = field === "status" && issue.code === "custom" && values.status === "";
        return { field, kind: required ? ("required" as const) : kindOf(field, issue.code), message: issue.message };
      });
  // A field with a broken shape (a half-typed date) is named once, for its shape.
  const shaped = new Set(shapeIssues.map((issue) => issue.field));
  return { input: null, issues: [...shapeIssues, ...rules.filter((issue) => !shaped.has(issue.field))] };
}

/** A 422's issues (`body.<field>`) mapped onto the form's fields. */
export function serverIssues(issues: readonly { path: string; code: string; message: string }[]): FieldIssue[] {
  return issues.map((issue) => {
    const field = fieldOf(issue.path);
    return { field, kind: RULE_KINDS[issue.code] ?? kindOf(field, issue.code), message: issue.message };
  });
}
