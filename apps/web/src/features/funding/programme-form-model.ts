import { type Programme, type ProgrammeInput, type ProgrammeLevel, programmeInputSchema } from "@insek/contracts";
import { fieldOfIssue } from "../../components/form/form-issues";

export const PROGRAMME_FORM_FIELDS = ["id", "name", "level", "minPopulation", "periodFrom", "periodTo", "source", "notes"] as const;
export type ProgrammeFormField = (typeof PROGRAMME_FORM_FIELDS)[number];

export interface ProgrammeFormValues {
  id: string;
  name: string;
  level: ProgrammeLevel;
  townWideConcept: boolean;
  areaConcept: boolean;
  jointConceptAllowed: boolean;
  minPopulation: string;
  periodFrom: string;
  periodTo: string;
  source: string;
  notes: string;
  active: boolean;
}

export function emptyProgrammeValues(): ProgrammeFormValues {
  return {
    id: "",
    name: "",
    level: "federal",
    townWideConcept: true,
    areaConcept: false,
    jointConceptAllowed: true,
    minPopulation: "",
    periodFrom: "",
    periodTo: "",
    source: "",
    notes: "",
    active: true,
  };
}

export function programmeValues(programme: Programme): ProgrammeFormValues {
  return {
    id: programme.id,
    name: programme.name,
    level: programme.level,
    townWideConcept: programme.requirements.townWideConcept,
    areaConcept: programme.requirements.areaConcept,
    jointConceptAllowed: programme.jointConceptAllowed,
    minPopulation: programme.requirements.minPopulation === null ? "" : String(programme.requirements.minPopulation),
    periodFrom: programme.period.from === null ? "" : String(programme.period.from),
    periodTo: programme.period.to === null ? "" : String(programme.period.to),
    source: programme.source ?? "",
    notes: programme.notes ?? "",
    active: programme.active,
  };
}

const number = (text: string): number | null => (text.trim() === "" ? null : /^\d+$/.test(text.trim().replace(/\./g, "")) ? Number(text.trim().replace(/\./g, "")) : Number.NaN);

/** The body of POST /api/programmes (PATCH takes the same without `id`), or the fields in error (zod's paths mapped). */
export function validateProgrammeForm(values: ProgrammeFormValues): { input: ProgrammeInput; fields?: undefined } | { fields: ProgrammeFormField[] } {
  const body = {
    id: values.id.trim(),
    name: values.name.trim(),
    level: values.level,
    requirements: { townWideConcept: values.townWideConcept, areaConcept: values.areaConcept, minPopulation: number(values.minPopulation) },
    jointConceptAllowed: values.jointConceptAllowed,
    period: { from: number(values.periodFrom), to: number(values.periodTo) },
    source: values.source.trim() || null,
    notes: values.notes.trim() || null,
    active: values.active,
  };
  const parsed = programmeInputSchema.safeParse(body);
  if (parsed.success) return { input: body };
  const fields = new Set<ProgrammeFormField>();
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path.map(String);
    const field =
      first === "requirements" ? "minPopulation" : first === "period" ? (second === "to" ? "periodTo" : "periodFrom") : fieldOfIssue(issue.path, PROGRAMME_FORM_FIELDS);
    if (field) fields.add(field);
  }
  return { fields: PROGRAMME_FORM_FIELDS.filter((field) => fields.has(field)) };
}
