import {
  AREA_CONCEPT_KINDS,
  type ConceptDetail,
  type ConceptInput,
  type ConceptRecordKind,
  type ConceptScope,
  type ParticipationFormat,
  conceptInputSchema,
} from "@insek/contracts";
import { type IssueLike, fieldOfIssue } from "../../components/form/form-issues";
import type { PickedMunicipality } from "../../components/municipality-picker";

export const CONCEPT_FORM_FIELDS = [
  "title",
  "kind",
  "scope",
  "members",
  "leadAgs",
  "parentId",
  "updatesId",
  "horizonYear",
  "participation",
  "note",
] as const;
export type ConceptFormField = (typeof CONCEPT_FORM_FIELDS)[number];

export interface ParticipationRow {
  /** Stable key of the row (rows are added and removed). */
  key: number;
  date: string;
  format: ParticipationFormat | "";
}

export interface ConceptFormValues {
  title: string;
  kind: ConceptRecordKind | "";
  scope: ConceptScope | "";
  members: PickedMunicipality[];
  leadAgs: string;
  parentId: string;
  updatesId: string;
  horizonYear: string;
  participation: ParticipationRow[];
  note: string;
}

/**
 * A problem placed on a field: `kind` is a key of the form's own wording (concepts:form.*), `code` a server
 * error code (concepts:error.*); `message` is used when neither is given.
 */
export interface ConceptIssue {
  field: ConceptFormField | null;
  kind?: "required" | "invalid" | "membersOne" | "membersTwo" | "kindScope" | "parentRequired" | "horizonYearInvalid" | "participationIncomplete";
  code?: string;
  message: string;
}

export function emptyConceptValues(prefill: Partial<ConceptFormValues> = {}): ConceptFormValues {
  return {
    title: "",
    kind: "",
    scope: "",
    members: [],
    leadAgs: "",
    parentId: "",
    updatesId: "",
    horizonYear: "",
    participation: [],
    note: "",
    ...prefill,
  };
}

/** The form's values of a stored concept (the edit form starts from them). */
export function conceptValues(concept: ConceptDetail): ConceptFormValues {
  return {
    title: concept.title,
    kind: concept.kind,
    scope: concept.scope,
    members: concept.members.map((member) => ({ ags: member.ags, name: member.name })),
    leadAgs: concept.scope === "joint" ? (concept.leadAgs ?? "") : "",
    parentId: concept.parentId === null ? "" : String(concept.parentId),
    updatesId: concept.updatesId === null ? "" : String(concept.updatesId),
    horizonYear: concept.horizonYear === null ? "" : String(concept.horizonYear),
    participation: concept.participation.map((row, index) => ({ key: index + 1, date: row.date, format: row.format })),
    note: concept.note ?? "",
  };
}

const isAreaKind = (kind: ConceptRecordKind) => (AREA_CONCEPT_KINDS as readonly string[]).includes(kind);

/**
 * Checks the values with the contract and with the rules between fields the server also checks (so the common
 * mistakes are answered at once), and builds the request body. Rules that need stored data (a parent that
 * covers the municipality, a lead among the members) stay with the server.
 */
export function validateConceptForm(values: ConceptFormValues): { input: ConceptInput; issues: null } | { input: null; issues: ConceptIssue[] } {
  const issues: ConceptIssue[] = [];
  if (values.title.trim() === "") issues.push({ field: "title", kind: "required", message: "required" });
  if (values.kind === "") issues.push({ field: "kind", kind: "required", message: "required" });
  if (values.scope === "") issues.push({ field: "scope", kind: "required", message: "required" });
  if (values.members.length === 0) issues.push({ field: "members", kind: "required", message: "required" });
  else if (values.scope === "joint" && values.members.length < 2) issues.push({ field: "members", kind: "membersTwo", message: "membersTwo" });
  else if ((values.scope === "municipal" || values.scope === "area") && values.members.length !== 1) {
    issues.push({ field: "members", kind: "membersOne", message: "membersOne" });
  }
  if (values.kind !== "" && values.scope !== "" && isAreaKind(values.kind) !== (values.scope === "area")) {
    issues.push({ field: "kind", kind: "kindScope", message: "kindScope" });
  }
  if (values.scope === "area" && values.parentId === "") issues.push({ field: "parentId", kind: "parentRequired", message: "parentRequired" });
  const horizon = values.horizonYear.trim();
  if (horizon !== "" && !/^\d{4}$/.test(horizon)) issues.push({ field: "horizonYear", kind: "horizonYearInvalid", message: "horizonYear" });
  if (values.participation.some((row) => row.date === "" || row.format === "")) {
    issues.push({ field: "participation", kind: "participationIncomplete", message: "participationIncomplete" });
  }
  if (issues.length > 0) return { input: null, issues };

  const candidate = {
    title: values.title.trim(),
    kind: values.kind,
    scope: values.scope,
    members: values.members.map((member) => member.ags),
    leadAgs: values.scope === "joint" && values.leadAgs !== "" ? values.leadAgs : null,
    parentId: values.scope === "area" && values.parentId !== "" ? Number(values.parentId) : null,
    updatesId: values.updatesId === "" ? null : Number(values.updatesId),
    horizonYear: horizon === "" ? null : Number(horizon),
    participation: values.participation.map((row) => ({ date: row.date, format: row.format })),
    note: values.note.trim() === "" ? null : values.note.trim(),
  };
  const parsed = conceptInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      input: null,
      issues: parsed.error.issues.map((issue) => {
        const field = fieldOfIssue(issue.path, CONCEPT_FORM_FIELDS);
        return field === "horizonYear"
          ? { field, kind: "horizonYearInvalid" as const, message: issue.message }
          : { field, kind: "invalid" as const, message: issue.message };
      }),
    };
  }
  return { input: parsed.data, issues: null };
}

/** Where the server's 422 codes belong in the form. */
const CODE_FIELDS: Record<string, ConceptFormField> = {
  CONCEPT_MEMBER_DUPLICATE: "members",
  CONCEPT_UNKNOWN_AGS: "members",
  CONCEPT_MUNICIPAL_ONE_MEMBER: "members",
  CONCEPT_JOINT_TWO_MEMBERS: "members",
  CONCEPT_AREA_ONE_MEMBER: "members",
  CONCEPT_MEMBER_HAS_RESOLUTION: "members",
  CONCEPT_KIND_SCOPE_MISMATCH: "kind",
  CONCEPT_AREA_PARENT_REQUIRED: "parentId",
  CONCEPT_PARENT_ONLY_FOR_AREA: "parentId",
  CONCEPT_PARENT_NOT_FOUND: "parentId",
  CONCEPT_PARENT_NOT_TOWN_WIDE: "parentId",
  CONCEPT_PARENT_NOT_COVERING: "parentId",
  CONCEPT_LEAD_NOT_MEMBER: "leadAgs",
  CONCEPT_UPDATES_NOT_FOUND: "updatesId",
  CONCEPT_UPDATES_ITSELF: "updatesId",
  PARTICIPATION_DATE_IN_FUTURE: "participation",
};

/**
 * The server's answer to a refused write, placed on fields: the issues' paths (`body.<field>…`) where they name
 * a field, else the field the error's code belongs to. Each keeps its code, so the form can word it.
 */
export function conceptServerIssues(code: string, message: string, issues: readonly IssueLike[]): ConceptIssue[] {
  if (issues.length === 0) {
    const field = CODE_FIELDS[code] ?? null;
    return [{ field, code, message }];
  }
  return issues.map((issue) => {
    const issueCode = issue.code && issue.code in CODE_FIELDS ? issue.code : code;
    const field = fieldOfIssue(issue.path, CONCEPT_FORM_FIELDS) ?? CODE_FIELDS[issueCode] ?? null;
    return { field, code: issueCode, message: issue.message };
  });
}
