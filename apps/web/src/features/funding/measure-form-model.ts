import { type MeasureDetail, type MeasureInput, type MeasureState, measureInputSchema } from "@insek/contracts";
import { type IssueLike, fieldOfIssue } from "../../components/form/form-issues";

/** The form's fields in its order (the error summary's order too). */
export const MEASURE_FORM_FIELDS = ["programmeId", "name", "area", "startYear", "endYear", "state", "conceptId", "areaConceptId", "amounts", "note"] as const;
export type MeasureFormField = (typeof MEASURE_FORM_FIELDS)[number];

export interface AmountRow {
  /** A stable key for React (rows are added and removed). */
  key: number;
  year: string;
  federal: string;
  land: string;
  municipal: string;
}

/** What the inputs hold: text as typed. */
export interface MeasureFormValues {
  programmeId: string;
  name: string;
  area: string;
  startYear: string;
  endYear: string;
  state: MeasureState | "";
  conceptId: string;
  areaConceptId: string;
  amounts: AmountRow[];
  note: string;
}

export function emptyMeasureValues(): MeasureFormValues {
  return { programmeId: "", name: "", area: "", startYear: "", endYear: "", state: "running", conceptId: "", areaConceptId: "", amounts: [], note: "" };
}

/** A German amount as typed: "125000", "125.000", "125.000,50", "125000,5", "1 250 €"; null when it is none. */
export function parseEuro(text: string): number | null {
  const plain = text.replace(/[\s\u00a0€]/g, "");
  if (plain === "") return null;
  let normal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(plain) || /^\d+,\d{1,2}$/.test(plain)) normal = plain.replace(/\./g, "").replace(",", ".");
  else if (/^\d+(\.\d{1,2})?$/.test(plain)) normal = plain;
  else return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** An amount for the input: German, no thousands dots (they would be read back the same way). */
export function euroInputText(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(".", ",");
}

export function measureValues(measure: MeasureDetail): MeasureFormValues {
  return {
    programmeId: measure.programmeId,
    name: measure.name,
    area: measure.area ?? "",
    startYear: String(measure.startYear),
    endYear: measure.endYear === null ? "" : String(measure.endYear),
    state: measure.state,
    conceptId: measure.conceptId === null ? "" : String(measure.conceptId),
    areaConceptId: measure.areaConceptId === null ? "" : String(measure.areaConceptId),
    amounts: measure.amounts.map((amount, index) => ({
      key: index + 1,
      year: String(amount.year),
      federal: euroInputText(amount.federal),
      land: euroInputText(amount.land),
      municipal: euroInputText(amount.municipal),
    })),
    note: measure.note ?? "",
  };
}

/** A problem placed on a field; `kind` is the form's own wording (form.*), else `code` or the message. */
export interface MeasureIssue {
  field: MeasureFormField | null;
  kind?: "required" | "year" | "euro";
  code?: string;
  message: string;
}

const YEAR = /^\d{4}$/;
const inYears = (text: string) => YEAR.test(text) && Number(text) >= 1990 && Number(text) <= 2100;

/**
 * Checks the values and builds the body for POST /api/measures (or PATCH, which takes the same fields). The
 * rules between fields (end before start, a concept of another municipality) are the server's: its 422 lands on
 * the field through measureServerIssues.
 */
export function validateMeasureForm(ags: string, values: MeasureFormValues): { input: MeasureInput; issues?: undefined } | { issues: MeasureIssue[] } {
  const issues: MeasureIssue[] = [];
  const required = (field: MeasureFormField, value: string) => {
    if (value.trim() === "") issues.push({ field, kind: "required", message: "required" });
  };
  required("programmeId", values.programmeId);
  required("name", values.name);
  required("state", values.state);
  if (values.startYear.trim() === "") required("startYear", values.startYear);
  else if (!inYears(values.startYear.trim())) issues.push({ field: "startYear", kind: "year", message: "year" });
  if (values.endYear.trim() !== "" && !inYears(values.endYear.trim())) issues.push({ field: "endYear", kind: "year", message: "year" });
  const amounts: { year: number; federal: number; land: number; municipal: number }[] = [];
  for (const row of values.amounts) {
    if (!inYears(row.year.trim())) {
      issues.push({ field: "amounts", kind: "year", message: "year" });
      continue;
    }
    const parts = [row.federal, row.land, row.municipal].map((text) => (text.trim() === "" ? 0 : parseEuro(text)));
    if (parts.some((part) => part === null)) {
      issues.push({ field: "amounts", kind: "euro", message: "euro" });
      continue;
    }
    const [federal = 0, land = 0, municipal = 0] = parts as number[];
    amounts.push({ year: Number(row.year.trim()), federal, land, municipal });
  }
  if (issues.length > 0) return { issues };
  const body = {
    ags,
    programmeId: values.programmeId,
    name: values.name.trim(),
    area: values.area.trim() || null,
    startYear: Number(values.startYear.trim()),
    endYear: values.endYear.trim() === "" ? null : Number(values.endYear.trim()),
    state: values.state,
    conceptId: values.conceptId === "" ? null : Number(values.conceptId),
    areaConceptId: values.areaConceptId === "" ? null : Number(values.areaConceptId),
    amounts,
    note: values.note.trim() || null,
  };
  const parsed = measureInputSchema.safeParse(body);
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((issue) => ({ field: fieldOfIssue(issue.path, MEASURE_FORM_FIELDS), code: issue.code, message: issue.message })) };
  }
  return { input: body as MeasureInput };
}

/** Where the server's 422 codes belong. */
const CODE_FIELDS: Record<string, MeasureFormField> = {
  MEASURE_PROGRAMME_UNKNOWN: "programmeId",
  PROGRAMME_NOT_FOUND: "programmeId",
  MEASURE_END_BEFORE_START: "endYear",
  MEASURE_CONCEPT_NOT_FOUND: "conceptId",
  MEASURE_CONCEPT_NOT_TOWN_WIDE: "conceptId",
  MEASURE_CONCEPT_NOT_COVERING: "conceptId",
  MEASURE_AREA_CONCEPT_NOT_FOUND: "areaConceptId",
  MEASURE_AREA_CONCEPT_NOT_AREA: "areaConceptId",
  MEASURE_AREA_CONCEPT_OTHER_MUNICIPALITY: "areaConceptId",
  MEASURE_AMOUNT_YEAR_DUPLICATE: "amounts",
};

/** A 400/422 answer as issues on the form's fields: by the issue's path, else by its (or the answer's) code. */
export function measureServerIssues(code: string, message: string, issues: readonly IssueLike[]): MeasureIssue[] {
  if (issues.length === 0) return [{ field: CODE_FIELDS[code] ?? null, code, message }];
  return issues.map((issue) => {
    const issueCode = issue.code && issue.code in CODE_FIELDS ? issue.code : code;
    const field = fieldOfIssue(issue.path, MEASURE_FORM_FIELDS) ?? CODE_FIELDS[issueCode] ?? null;
    return { field, code: issueCode, message: issue.message };
  });
}
