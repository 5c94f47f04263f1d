import {
  PRACTICE_SUMMARY_MAX,
  type PracticeCriteria,
  type PracticeDetail,
  type PracticeInput,
  type PracticePhase,
  type PracticeTopic,
  type PracticeUpdate,
  practiceInputSchema,
} from "@insek/contracts";
import { type IssueLike, fieldOfIssue } from "../../components/form/form-issues";
import type { PickedMunicipality } from "../../components/municipality-picker";
import { formattedTextToHtml, htmlToFormattedText } from "./formatted-text";

export const PRACTICE_FORM_FIELDS = [
  "title",
  "summary",
  "description",
  "ags",
  "conceptId",
  "topics",
  "phase",
  "periodFrom",
  "periodTo",
  "partners",
  "outcome",
  "transferability",
  "contact",
  "links",
  "programmeIds",
  "measureIds",
  "criteria",
] as const;
export type PracticeFormField = (typeof PRACTICE_FORM_FIELDS)[number];

export interface PracticeFormValues {
  title: string;
  summary: string;
  /** The textarea's text (see formatted-text.ts); sent as HTML. */
  description: string;
  municipalities: PickedMunicipality[];
  /** The chosen concept's id as the select's value; "" for none. */
  conceptId: string;
  topics: PracticeTopic[];
  phase: PracticePhase | "";
  periodFrom: string;
  periodTo: string;
  partners: string;
  outcome: string;
  transferability: string;
  contactOffice: string;
  contactEmail: string;
  contactPhone: string;
  /** One link a line: "label https://…" or the address alone. */
  links: string;
  /** Funding programmes (their slugs) and measures (their ids) the entry used. */
  programmeIds: string[];
  measureIds: number[];
  criteria: PracticeCriteria;
}

export type PracticeIssueKind = "required" | "requiredChoice" | "tooLong" | "periodOrder" | "invalid" | "linkLine";
export interface PracticeIssue {
  field: PracticeFormField | null;
  kind?: PracticeIssueKind;
  /** For linkLine: the line's number. */
  line?: number;
  code?: string;
  message: string;
}

export function emptyPracticeValues(prefill: Partial<PracticeFormValues> = {}): PracticeFormValues {
  return {
    title: "",
    summary: "",
    description: "",
    municipalities: [],
    conceptId: "",
    topics: [],
    phase: "",
    periodFrom: "",
    periodTo: "",
    partners: "",
    outcome: "",
    transferability: "",
    contactOffice: "",
    contactEmail: "",
    contactPhone: "",
    links: "",
    programmeIds: [],
    measureIds: [],
    criteria: { innovative: false, exemplary: false, cooperative: false },
    ...prefill,
  };
}

/** The values of a stored entry: its open revision's content where there is one (that is what an edit changes). */
export function practiceValues(practice: PracticeDetail): PracticeFormValues {
  const content = practice.revision?.content;
  const names = new Map(practice.municipalities.map((municipality) => [municipality.ags, municipality.name]));
  const source = content ?? {
    ...practice,
    ags: practice.municipalities.map((municipality) => municipality.ags),
    conceptId: practice.concept?.id ?? null,
    programmeIds: practice.funding.programmes.map((programme) => programme.id),
    measureIds: practice.funding.measures.map((measure) => measure.id),
  };
  return {
    title: source.title,
    summary: source.summary,
    description: htmlToFormattedText(source.descriptionHtml),
    municipalities: source.ags.map((ags) => ({ ags, name: names.get(ags) ?? ags })),
    conceptId: source.conceptId === null ? "" : String(source.conceptId),
    topics: [...source.topics],
    phase: source.phase,
    periodFrom: source.periodFrom ?? "",
    periodTo: source.periodTo ?? "",
    partners: source.partners ?? "",
    outcome: source.outcome ?? "",
    transferability: source.transferability ?? "",
    contactOffice: source.contact?.office ?? "",
    contactEmail: source.contact?.email ?? "",
    contactPhone: source.contact?.phone ?? "",
    links: source.links.map((link) => (link.label ? `${link.label} ${link.url}` : link.url)).join("\n"),
    programmeIds: sortedProgrammes(source.programmeIds),
    measureIds: sortedMeasures(source.measureIds),
    criteria: { ...practice.criteria },
  };
}

/** The links' lines as the API's list, or the numbers of the lines without an address. */
export function parseLinks(text: string): { links: { url: string; label: string | null }[]; badLines: number[] } {
  const links: { url: string; label: string | null }[] = [];
  const badLines: number[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const match = /(https?:\/\/\S+)\s*$/i.exec(line);
    if (!match?.[1]) {
      badLines.push(index + 1);
      return;
    }
    const label = line.slice(0, match.index).trim().replace(/[:–-]\s*$/, "").trim();
    links.push({ url: match[1], label: label === "" ? null : label });
  });
  return { links, badLines };
}

/** Sorted, so that an edit compares the lists regardless of the order they were ticked in. */
export const sortedProgrammes = (ids: readonly string[]): string[] => [...new Set(ids)].sort();
export const sortedMeasures = (ids: readonly number[]): number[] => [...new Set(ids)].sort((a, b) => a - b);

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** Checks the values (the common mistakes answered at once) and builds the body of POST /api/practices. */
export function validatePracticeForm(values: PracticeFormValues): { input: PracticeInput; issues: null } | { input: null; issues: PracticeIssue[] } {
  const issues: PracticeIssue[] = [];
  if (values.title.trim() === "") issues.push({ field: "title", kind: "required", message: "required" });
  if (values.summary.trim() === "") issues.push({ field: "summary", kind: "required", message: "required" });
  else if (values.summary.trim().length > PRACTICE_SUMMARY_MAX) issues.push({ field: "summary", kind: "tooLong", message: "tooLong" });
  const descriptionHtml = formattedTextToHtml(values.description);
  if (descriptionHtml === "") issues.push({ field: "description", kind: "required", message: "required" });
  if (values.municipalities.length === 0) issues.push({ field: "ags", kind: "requiredChoice", message: "requiredChoice" });
  if (values.topics.length === 0) issues.push({ field: "topics", kind: "requiredChoice", message: "requiredChoice" });
  if (values.phase === "") issues.push({ field: "phase", kind: "required", message: "required" });
  if (values.periodFrom !== "" && values.periodTo !== "" && values.periodTo < values.periodFrom) {
    issues.push({ field: "periodTo", kind: "periodOrder", message: "periodOrder" });
  }
  const { links, badLines } = parseLinks(values.links);
  for (const line of badLines) issues.push({ field: "links", kind: "linkLine", line, message: "linkLine" });
  const office = values.contactOffice.trim();
  if (office === "" && (values.contactEmail.trim() !== "" || values.contactPhone.trim() !== "")) {
    issues.push({ field: "contact", kind: "required", message: "required" });
  }
  if (issues.length > 0) return { input: null, issues };

  const candidate = {
    title: values.title.trim(),
    summary: values.summary.trim(),
    description: descriptionHtml,
    ags: values.municipalities.map((municipality) => municipality.ags),
    conceptId: values.conceptId === "" ? null : Number(values.conceptId),
    topics: values.topics,
    phase: values.phase,
    periodFrom: values.periodFrom === "" ? null : values.periodFrom,
    periodTo: values.periodTo === "" ? null : values.periodTo,
    partners: orNull(values.partners),
    outcome: orNull(values.outcome),
    transferability: orNull(values.transferability),
    contact: office === "" ? null : { office, email: orNull(values.contactEmail), phone: orNull(values.contactPhone) },
    links,
    programmeIds: sortedProgrammes(values.programmeIds),
    measureIds: sortedMeasures(values.measureIds),
  };
  const parsed = practiceInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      input: null,
      issues: parsed.error.issues.map((issue) => ({ field: fieldOfIssue(issue.path, PRACTICE_FORM_FIELDS), kind: "invalid" as const, message: issue.message })),
    };
  }
  return { input: candidate as PracticeInput, issues: null };
}

/**
 * The PATCH body of an edit: only the fields that differ from the entry as loaded (so an unchanged contact
 * keeps a consented person's name, and the criteria go along only when an editor changed them).
 */
export function practiceChanges(before: PracticeFormValues, input: PracticeInput, criteria: PracticeCriteria): PracticeUpdate {
  const original = validatePracticeForm(before);
  const changes: PracticeUpdate & Record<string, unknown> = {};
  const old = (original.input ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (JSON.stringify(old[key]) !== JSON.stringify(value)) changes[key] = value;
  }
  if (JSON.stringify(before.criteria) !== JSON.stringify(criteria)) changes.criteria = criteria;
  return changes;
}

/** Where the server's 422 codes belong in the form. */
const CODE_FIELDS: Record<string, PracticeFormField> = {
  PRACTICE_LINK_NOT_HTTP: "links",
  PRACTICE_CONTACT_CONSENT_REQUIRED: "contact",
  PRACTICE_DESCRIPTION_EMPTY: "description",
  PRACTICE_CONCEPT_NOT_FOUND: "conceptId",
  PRACTICE_PROGRAMME_NOT_FOUND: "programmeIds",
  PRACTICE_MEASURE_NOT_FOUND: "measureIds",
  PRACTICE_CRITERIA_EDITORS_ONLY: "criteria",
};

/** The server's answer to a refused write, placed on fields (the issue's path, else its code's field). */
export function practiceServerIssues(code: string, message: string, issues: readonly IssueLike[]): PracticeIssue[] {
  if (issues.length === 0) return [{ field: CODE_FIELDS[code] ?? null, code, message }];
  return issues.map((issue) => {
    const issueCode = issue.code && issue.code in CODE_FIELDS ? issue.code : code;
    return { field: fieldOfIssue(issue.path, PRACTICE_FORM_FIELDS) ?? CODE_FIELDS[issueCode] ?? null, code: issueCode, message: issue.message };
  });
}
