import {
  ERROR_CODES,
  type EventInput,
  type InsekRecord,
  type Role,
  STATUSES,
  type Status,
  eventInputSchema,
  isAllowedTransition,
} from "@insek/contracts";

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
  | "url"
  | "number"
  | "tooLong"
  | "invalidTransition"
  | "councilResolutionRequired"
  | "councilResolutionAfterEffective"
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

export function initialFormValues(record: InsekRecord): RecordFormValues {
  return {
    status: "",
    conceptKind: record.conceptKind ?? "",
    effectiveDate: "",
    councilResolutionDate: record.councilResolutionDate ?? "",
    documentUrl: record.documentUrl ?? "",
    horizonYear: record.horizonYear === null ? "" : String(record.horizonYear),
    note: "",
    noteInternal: false,
  };
}

/** The statuses the form offers: allowed transitions from the current one; funding eligibility by SMR only. */
export function selectableStatuses(current: Status | null, role: Role): Status[] {
  return STATUSES.filter(
    (status) =>
      (current === null || isAllowedTransition(current, status)) && (status !== "funding_eligible" || role === "smr"),
  );
}

export function toEventInput(values: RecordFormValues, options: { internalNoteAllowed: boolean }): Record<string, unknown> {
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
  };
}

function fieldOf(path: string): RecordFormField | null {
  const name = path.replace(/^body\./, "").split(".")[0] ?? "";
  return (RECORD_FORM_FIELDS as readonly string[]).includes(name) ? (name as RecordFormField) : null;
}

function kindOf(field: RecordFormField | null, code: string): IssueKind | null {
  if (field === "documentUrl" && (code === "invalid_format" || code === "invalid_type")) return "url";
  if (field === "horizonYear" && ["invalid_type", "too_small", "too_big"].includes(code)) return "number";
  if (code === "too_big") return "tooLong";
  if (code === "invalid_format" || code === "invalid_type" || code === "invalid_value") return "format";
  return null;
}

/** Client-side check with the shared contract; null when valid. */
export function validateRecordForm(
  values: RecordFormValues,
  options: { internalNoteAllowed: boolean },
): { input: EventInput; issues: null } | { input: null; issues: FieldIssue[] } {
  const parsed = eventInputSchema.safeParse(toEventInput(values, options));
  if (parsed.success) return { input: parsed.data, issues: null };
  return {
    input: null,
    issues: parsed.error.issues.map((issue) => {
      const field = fieldOf(issue.path.map(String).join("."));
      const required = field === "status" && issue.code === "custom" && values.status === "";
      return { field, kind: required ? "required" : kindOf(field, issue.code), message: issue.message };
    }),
  };
}

/** A 422's issues (`body.<field>`) mapped onto the form's fields. */
export function serverIssues(issues: readonly { path: string; code: string; message: string }[]): FieldIssue[] {
  return issues.map((issue) => {
    const field = fieldOf(issue.path);
    return { field, kind: RULE_KINDS[issue.code] ?? kindOf(field, issue.code), message: issue.message };
  });
}
