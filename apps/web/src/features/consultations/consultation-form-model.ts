import { type Consultation, type ConsultationInput, ERROR_CODES, consultationInputSchema } from "@insek/contracts";
import type { PickedMunicipality } from "../../components/municipality-picker";

/** The consultation form's fields as the inputs hold them ("" = not given). */
export interface ConsultationFormValues {
  date: string;
  kind: string;
  municipalities: PickedMunicipality[];
  topics: string[];
  topicOther: string;
  summary: string;
  nextStep: string;
  nextContactDate: string;
  internal: boolean;
  /** The Praxisbeispiel the consultation gave rise to: its number, "" for none. */
  practiceId: string;
}

export const CONSULTATION_FIELDS = [
  "date",
  "kind",
  "ags",
  "topics",
  "topicOther",
  "summary",
  "nextStep",
  "nextContactDate",
  "internal",
  "practiceId",
] as const;
export type ConsultationField = (typeof CONSULTATION_FIELDS)[number];

export type ConsultationIssueKind = "required" | "format" | "tooLong" | "dateOrder" | "notAfterToday";

export interface ConsultationIssue {
  field: ConsultationField | null;
  kind: ConsultationIssueKind | null;
  message: string;
}

export function emptyConsultationValues(today: string): ConsultationFormValues {
  return {
    date: today,
    kind: "",
    municipalities: [],
    topics: [],
    topicOther: "",
    summary: "",
    nextStep: "",
    nextContactDate: "",
    internal: false,
    practiceId: "",
  };
}

export function consultationValues(consultation: Consultation): ConsultationFormValues {
  return {
    date: consultation.date,
    kind: consultation.kind,
    municipalities: consultation.municipalities.map((m) => ({ ags: m.ags, name: m.name })),
    topics: [...consultation.topics],
    topicOther: consultation.topicOther ?? "",
    summary: consultation.summary,
    nextStep: consultation.nextStep ?? "",
    nextContactDate: consultation.nextContactDate ?? "",
    internal: consultation.internal,
    practiceId: consultation.practiceId === null ? "" : String(consultation.practiceId),
  };
}

export function toConsultationInput(values: ConsultationFormValues): Record<string, unknown> {
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  return {
    date: text(values.date),
    kind: text(values.kind),
    ags: values.municipalities.map((m) => m.ags),
    topics: values.topics,
    topicOther: values.topics.includes("other") ? (text(values.topicOther) ?? null) : null,
    summary: values.summary,
    nextStep: text(values.nextStep) ?? null,
    nextContactDate: text(values.nextContactDate) ?? null,
    internal: values.internal,
    // Not a number stays as typed, so the contract names the field.
    practiceId: values.practiceId.trim() === "" ? null : /^\d{1,10}$/.test(values.practiceId.trim()) ? Number(values.practiceId.trim()) : values.practiceId.trim(),
  };
}

function fieldOf(path: string): ConsultationField | null {
  const name = path.replace(/^body\./, "").split(".")[0] ?? "";
  return (CONSULTATION_FIELDS as readonly string[]).includes(name) ? (name as ConsultationField) : null;
}

function kindOf(field: ConsultationField | null, code: string, values: ConsultationFormValues | null): ConsultationIssueKind | null {
  if (field === "nextContactDate" && (code === "custom" || code === ERROR_CODES.validation)) return "dateOrder";
  // The server's rule: a consultation is recorded once it took place.
  if (field === "date" && code === ERROR_CODES.validation) return "notAfterToday";
  if (values && field) {
    const empty =
      (field === "date" && values.date.trim() === "") ||
      (field === "kind" && values.kind === "") ||
      (field === "ags" && values.municipalities.length === 0) ||
      (field === "topics" && values.topics.length === 0) ||
      (field === "summary" && values.summary.trim() === "");
    if (empty) return "required";
  }
  if (code === "too_small") return "required";
  if (code === "too_big") return "tooLong";
  if (code === "invalid_format" || code === "invalid_type" || code === "invalid_value") return "format";
  return null;
}

/** Client-side check with the shared contract. */
export function validateConsultation(
  values: ConsultationFormValues,
): { input: ConsultationInput; issues: null } | { input: null; issues: ConsultationIssue[] } {
  const parsed = consultationInputSchema.safeParse(toConsultationInput(values));
  if (parsed.success) return { input: parsed.data, issues: null };
  const issues = parsed.error.issues.map((issue) => {
    const field = fieldOf(issue.path.map(String).join("."));
    return { field, kind: kindOf(field, issue.code, values), message: issue.message };
  });
  // One message per field is enough.
  return { input: null, issues: issues.filter((issue, index) => issue.field === null || issues.findIndex((o) => o.field === issue.field) === index) };
}

/** A 400/422's issues (`body.<field>`) mapped onto the form's fields. */
export function consultationServerIssues(issues: readonly { path: string; code: string; message: string }[]): ConsultationIssue[] {
  return issues.map((issue) => {
    const field = fieldOf(issue.path);
    return { field, kind: kindOf(field, issue.code, null), message: issue.message };
  });
}
