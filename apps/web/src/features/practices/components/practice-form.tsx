import {
  PRACTICE_CRITERIA,
  PRACTICE_PHASES,
  PRACTICE_SUMMARY_MAX,
  PRACTICE_TOPICS,
  type ConceptStatus,
  type PracticeCriteria,
  type PracticeDetail,
  type PracticeTopic,
  practicePreconditionFailedSchema,
} from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { DateField, Field, FieldError, SelectField, TextareaField } from "../../../components/form/field";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { MunicipalityPicker } from "../../../components/municipality-picker";
import { ApiError } from "../../../lib/api-client";
import { useCreatePractice, usePracticeConceptChoices, usePracticeMeasureChoices, usePracticeProgrammeChoices, useUpdatePractice } from "../api";
import { errorText } from "../practice-errors";
import {
  PRACTICE_FORM_FIELDS,
  type PracticeFormField,
  type PracticeFormValues,
  type PracticeIssue,
  emptyPracticeValues,
  practiceChanges,
  practiceServerIssues,
  practiceValues,
  sortedMeasures,
  sortedProgrammes,
  validatePracticeForm,
} from "../practice-form-model";
import { FormattedTextField } from "./formatted-text-field";
import "../practices.css";

/**
 * Proposes an entry (a draft) or edits one (PATCH with If-Match; only the changed fields). Checked before
 * sending; the server's 422 codes land on their fields, a 412 offers the current version.
 */
export function PracticeForm({
  editing,
  prefill,
  editor,
  onSaved,
}: {
  editing?: PracticeDetail;
  prefill?: Partial<PracticeFormValues>;
  /** Editors also set the criteria. */
  editor: boolean;
  onSaved: (saved: { id: number; version: number }) => void;
}) {
  const { t } = useTranslation("practices");
  const id = useId();
  const create = useCreatePractice();
  const update = useUpdatePractice();
  const pending = create.isPending || update.isPending;
  const [initial, setInitial] = useState<PracticeFormValues>(() => (editing ? practiceValues(editing) : emptyPracticeValues(prefill)));
  const [values, setValues] = useState<PracticeFormValues>(initial);
  const [version, setVersion] = useState(editing?.version);
  const [conflict, setConflict] = useState<PracticeDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [focusFailure, setFocusFailure] = useState(0);
  useEffect(() => {
    if (focusFailure > 0) failureRef.current?.focus();
  }, [focusFailure]);

  const labels: Record<PracticeFormField, string> = {
    title: t("form.title"),
    summary: t("form.summary"),
    description: t("form.description"),
    ags: t("form.municipalities"),
    conceptId: t("form.concept"),
    topics: t("form.topics"),
    phase: t("form.phase"),
    periodFrom: t("form.periodFrom"),
    periodTo: t("form.periodTo"),
    partners: t("form.partners"),
    outcome: t("form.outcome"),
    transferability: t("form.transferability"),
    contact: t("form.contactOffice"),
    links: t("form.links"),
    programmeIds: t("form.programmes"),
    measureIds: t("form.measures"),
    criteria: t("form.criteria"),
  };
  const form = useFormErrors(PRACTICE_FORM_FIELDS, (field) => labels[field], (field, fieldId) =>
    field === "topics"
      ? `${fieldId}-${PRACTICE_TOPICS[0]}`
      : field === "criteria"
        ? `${fieldId}-${PRACTICE_CRITERIA[0]}`
        : field === "programmeIds" || field === "measureIds"
          ? `${fieldId}-0`
          : fieldId,
  );
  const word = (issue: PracticeIssue): string => {
    if (issue.kind === "linkLine") return t("form.linkLine", { line: issue.line ?? 0 });
    if (issue.kind && issue.kind !== "invalid") return t(`form.${issue.kind}`);
    if (issue.kind === "invalid") return `${t("form.invalid")} (${issue.message})`;
    return errorText(t, issue.code, issue.message);
  };
  const showIssues = (issues: PracticeIssue[]) => form.show(placedIssuesToForm(issues.map((issue) => ({ field: issue.field, message: word(issue) }))));
  const set = <K extends keyof PracticeFormValues>(field: K, value: PracticeFormValues[K]) => setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 412) {
      const body = practicePreconditionFailedSchema.safeParse(error.body);
      if (body.success) {
        setConflict(body.data.current);
        setFocusFailure((count) => count + 1);
        return;
      }
    }
    if (error instanceof ApiError && (error.statusCode === 422 || error.statusCode === 400)) {
      showIssues(practiceServerIssues(error.code, error.message, error.issues));
      return;
    }
    setFailure(error instanceof ApiError && error.statusCode === 403 ? errorText(t, error.code, t("common.forbidden")) : errorText(t, error instanceof ApiError ? error.code : null, t("common.failed", { message: error.message })));
    setFocusFailure((count) => count + 1);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validatePracticeForm(values);
    if (checked.issues) {
      showIssues(checked.issues);
      return;
    }
    form.clear();
    if (editing && version !== undefined) {
      const changes = practiceChanges(initial, checked.input, editor ? values.criteria : initial.criteria);
      update.mutate({ id: editing.id, version, input: changes }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(checked.input, { onSuccess: onSaved, onError });
    }
  };

  const reloadCurrent = () => {
    if (!conflict) return;
    const next = practiceValues(conflict);
    setInitial(next);
    setValues(next);
    setVersion(conflict.version);
    setConflict(null);
    form.clear();
  };

  const toggleTopic = (topic: PracticeTopic, on: boolean) =>
    set(
      "topics",
      PRACTICE_TOPICS.filter((candidate) => (candidate === topic ? on : values.topics.includes(candidate))),
    );
  const toggleProgramme = (programmeId: string, on: boolean) =>
    set("programmeIds", sortedProgrammes(on ? [...values.programmeIds, programmeId] : values.programmeIds.filter((candidate) => candidate !== programmeId)));
  const toggleMeasure = (measureId: number, on: boolean) =>
    set("measureIds", sortedMeasures(on ? [...values.measureIds, measureId] : values.measureIds.filter((candidate) => candidate !== measureId)));
  const toggleCriterion = (criterion: keyof PracticeCriteria, on: boolean) => set("criteria", { ...values.criteria, [criterion]: on });

  const agsList = values.municipalities.map((municipality) => municipality.ags);
  const conceptChoices = usePracticeConceptChoices(agsList);
  const programmeChoices = usePracticeProgrammeChoices();
  const measureChoices = usePracticeMeasureChoices(agsList);
  // A chosen concept or measure that the chosen municipalities no longer list stays visible (named as the entry
  // names it), so that it can be seen and removed.
  const conceptOptions: { id: number; title: string; status?: ConceptStatus }[] = [...conceptChoices.concepts];
  if (values.conceptId !== "" && !conceptOptions.some((concept) => String(concept.id) === values.conceptId)) {
    const stored = editing?.concept && String(editing.concept.id) === values.conceptId ? editing.concept : null;
    conceptOptions.push({ id: Number(values.conceptId), title: stored?.title ?? `#${values.conceptId}`, status: stored?.status });
  }
  const programmeOptions: { id: string; name: string }[] = (programmeChoices.data?.items ?? [])
    .map((programme) => ({ id: programme.id, name: programme.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));
  for (const programmeId of values.programmeIds) {
    if (programmeChoices.data && !programmeOptions.some((programme) => programme.id === programmeId)) {
      const stored = editing?.funding.programmes.find((programme) => programme.id === programmeId);
      programmeOptions.push({ id: programmeId, name: stored?.name ?? programmeId });
    }
  }
  const manyMunicipalities = values.municipalities.length > 1;
  const measureOptions: { id: number; label: string }[] = measureChoices.measures.map((measure) => ({
    id: measure.id,
    label: t("form.measureLabel", {
      name: measure.name,
      programme: measure.programmeName,
      years: measure.endYear === null ? t("form.measureSince", { year: measure.startYear }) : measure.endYear === measure.startYear ? String(measure.startYear) : `${measure.startYear}–${measure.endYear}`,
    }) + (manyMunicipalities ? ` – ${measure.currentName}` : ""),
  }));
  for (const measureId of values.measureIds) {
    if (!measureOptions.some((measure) => measure.id === measureId)) {
      const stored = editing?.funding.measures.find((measure) => measure.id === measureId);
      measureOptions.push({ id: measureId, label: stored?.name ?? `#${measureId}` });
    }
  }
  const programmesId = form.fieldId("programmeIds");
  const measuresId = form.fieldId("measureIds");
  const programmesError = form.error("programmeIds");
  const measuresError = form.error("measureIds");

  const summaryLeft = PRACTICE_SUMMARY_MAX - values.summary.length;
  const agsError = form.error("ags");
  const topicsError = form.error("topics");
  const criteriaError = form.error("criteria");
  const topicsId = form.fieldId("topics");
  const criteriaId = form.fieldId("criteria");

  return (
    <section className="practice-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="visually-hidden">
        {editing ? t("form.editTitle") : t("form.createTitle")}
      </h2>
      <p className="hint">
        {editing && version !== undefined ? `${t("form.editIntro", { version })} ` : null}
        {editing?.state === "published" ? `${t("form.publishedIntro")} ` : null}
        {t("form.intro")}
      </p>
      {failure || conflict ? (
        <div className={conflict ? "notice notice--warning" : "notice notice--error"} role="alert" tabIndex={-1} ref={failureRef}>
          {conflict ? (
            <>
              <p>
                <strong>{t("form.conflictTitle")}</strong> {t("form.conflictText", { seen: version ?? 0, current: conflict.version })}
              </p>
              <button type="button" className="button button--secondary" onClick={reloadCurrent}>
                {t("form.conflictReload", { version: conflict.version })}
              </button>
            </>
          ) : (
            <p>{failure}</p>
          )}
        </div>
      ) : null}
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("form.errorSummary")} items={form.summaryItems} /> : null}

      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Field {...form.field("title")} label={labels.title} value={values.title} maxLength={200} onChange={(event) => set("title", event.target.value)} />
        <TextareaField
          {...form.field("summary")}
          label={labels.summary}
          hint={
            <>
              {t("form.summaryHint", { max: PRACTICE_SUMMARY_MAX })}{" "}
              <span aria-live="polite">{t("form.summaryCount", { left: summaryLeft })}</span>
            </>
          }
          rows={3}
          value={values.summary}
          onChange={(event) => set("summary", event.target.value)}
        />
        <FormattedTextField
          {...form.field("description")}
          label={labels.description}
          hint={t("form.descriptionHint")}
          value={values.description}
          onChange={(value) => set("description", value)}
        />
        <div className={agsError ? "field field--invalid" : "field"}>
          <FieldError id={form.fieldId("ags")} error={agsError} />
          <MunicipalityPicker
            inputId={form.fieldId("ags")}
            label={labels.ags}
            value={values.municipalities}
            onChange={(municipalities) => set("municipalities", municipalities)}
            invalid={agsError !== undefined}
            errorId={agsError ? `${form.fieldId("ags")}-error` : undefined}
          />
          <p className="hint">{t("form.municipalitiesHint")}</p>
        </div>
        <SelectField
          {...form.field("conceptId")}
          label={labels.conceptId}
          hint={agsList.length === 0 ? t("form.conceptHintNoMunicipality") : conceptChoices.pending ? t("form.choicesLoading") : t("form.conceptHint")}
          value={values.conceptId}
          onChange={(event) => set("conceptId", event.target.value)}
        >
          <option value="">{t("form.conceptNone")}</option>
          {conceptOptions.map((concept) => (
            <option key={concept.id} value={String(concept.id)}>
              {concept.status ? `${concept.title} (${t(`conceptStatus.${concept.status}`)})` : concept.title}
            </option>
          ))}
        </SelectField>
        <fieldset className={topicsError ? "checkbox-group field--invalid" : "checkbox-group"} aria-describedby={topicsError ? `${topicsId}-error` : undefined}>
          <legend>{labels.topics}</legend>
          <FieldError id={topicsId} error={topicsError} />
          {PRACTICE_TOPICS.map((topic) => (
            <div key={topic} className="field field--checkbox">
              <input
                type="checkbox"
                id={`${topicsId}-${topic}`}
                checked={values.topics.includes(topic)}
                onChange={(event) => toggleTopic(topic, event.target.checked)}
              />
              <label htmlFor={`${topicsId}-${topic}`}>{t(`topic.${topic}`)}</label>
            </div>
          ))}
        </fieldset>
        <SelectField {...form.field("phase")} label={labels.phase} value={values.phase} onChange={(event) => set("phase", event.target.value as PracticeFormValues["phase"])}>
          <option value="">{t("form.choosePhase")}</option>
          {PRACTICE_PHASES.map((phase) => (
            <option key={phase} value={phase}>
              {t(`phase.${phase}`)}
            </option>
          ))}
        </SelectField>
        <div className="practice-form__period">
          <DateField {...form.field("periodFrom")} label={labels.periodFrom} value={values.periodFrom} onChange={(value) => set("periodFrom", value)} />
          <DateField {...form.field("periodTo")} label={labels.periodTo} value={values.periodTo} onChange={(value) => set("periodTo", value)} />
        </div>
        <TextareaField {...form.field("partners")} label={labels.partners} rows={2} value={values.partners} onChange={(event) => set("partners", event.target.value)} />
        <TextareaField {...form.field("outcome")} label={labels.outcome} rows={3} value={values.outcome} onChange={(event) => set("outcome", event.target.value)} />
        <TextareaField
          {...form.field("transferability")}
          label={labels.transferability}
          hint={t("form.transferabilityHint")}
          rows={3}
          value={values.transferability}
          onChange={(event) => set("transferability", event.target.value)}
        />
        <Field
          {...form.field("contact")}
          label={labels.contact}
          hint={t("form.contactOfficeHint")}
          value={values.contactOffice}
          onChange={(event) => set("contactOffice", event.target.value)}
        />
        <Field id={`${id}-email`} label={t("form.contactEmail")} type="email" autoComplete="off" value={values.contactEmail} onChange={(event) => set("contactEmail", event.target.value)} />
        <Field id={`${id}-phone`} label={t("form.contactPhone")} type="tel" autoComplete="off" value={values.contactPhone} onChange={(event) => set("contactPhone", event.target.value)} />
        <TextareaField {...form.field("links")} label={labels.links} hint={t("form.linksHint")} rows={3} value={values.links} onChange={(event) => set("links", event.target.value)} />
        <fieldset className="practice-form__funding">
          <legend>{t("form.funding")}</legend>
          <p className="hint">{t("form.fundingHint")}</p>
          <fieldset className={programmesError ? "checkbox-group field--invalid" : "checkbox-group"} aria-describedby={programmesError ? `${programmesId}-error` : undefined}>
            <legend>{labels.programmeIds}</legend>
            <FieldError id={programmesId} error={programmesError} />
            {programmeChoices.isPending ? <p className="hint">{t("form.choicesLoading")}</p> : null}
            {programmeChoices.isError ? <p className="hint">{t("form.choicesFailed")}</p> : null}
            {programmeOptions.map((programme, index) => (
              <div key={programme.id} className="field field--checkbox">
                <input
                  type="checkbox"
                  id={`${programmesId}-${index}`}
                  checked={values.programmeIds.includes(programme.id)}
                  onChange={(event) => toggleProgramme(programme.id, event.target.checked)}
                />
                <label htmlFor={`${programmesId}-${index}`}>{programme.name}</label>
              </div>
            ))}
          </fieldset>
          {measureOptions.length > 0 ? (
            <fieldset className={measuresError ? "checkbox-group field--invalid" : "checkbox-group"} aria-describedby={measuresError ? `${measuresId}-error` : undefined}>
              <legend>{labels.measureIds}</legend>
              <FieldError id={measuresId} error={measuresError} />
              {measureOptions.map((measure, index) => (
                <div key={measure.id} className="field field--checkbox">
                  <input
                    type="checkbox"
                    id={`${measuresId}-${index}`}
                    checked={values.measureIds.includes(measure.id)}
                    onChange={(event) => toggleMeasure(measure.id, event.target.checked)}
                  />
                  <label htmlFor={`${measuresId}-${index}`}>{measure.label}</label>
                </div>
              ))}
            </fieldset>
          ) : agsList.length > 0 && !measureChoices.pending ? (
            <p className="hint">{t("form.measuresNone")}</p>
          ) : null}
        </fieldset>
        {editor && editing ? (
          <fieldset className={criteriaError ? "checkbox-group field--invalid" : "checkbox-group"} aria-describedby={criteriaError ? `${criteriaId}-error` : undefined}>
            <legend>{labels.criteria}</legend>
            <FieldError id={criteriaId} error={criteriaError} />
            {PRACTICE_CRITERIA.map((criterion) => (
              <div key={criterion} className="field field--checkbox">
                <input
                  type="checkbox"
                  id={`${criteriaId}-${criterion}`}
                  checked={values.criteria[criterion]}
                  onChange={(event) => toggleCriterion(criterion, event.target.checked)}
                />
                <label htmlFor={`${criteriaId}-${criterion}`}>{t(`criterion.${criterion}`)}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("form.submitting") : editing ? t("form.submitEdit") : t("form.submitCreate")}
          </button>
        </div>
      </form>
    </section>
  );
}
