import { MEASURE_STATES, type MeasureDetail, type Programme, measurePreconditionFailedSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, FieldError, SelectField, TextareaField } from "../../../components/form/field";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { fundingDe } from "../../../lib/locales/funding.de";
import { useCreateMeasure, useUpdateMeasure } from "../api";
import {
  MEASURE_FORM_FIELDS,
  type MeasureFormField,
  type MeasureFormValues,
  type MeasureIssue,
  emptyMeasureValues,
  measureServerIssues,
  measureValues,
  validateMeasureForm,
} from "../measure-form-model";

/** A concept the measure may rest on (the municipality's concepts, from its page). */
export interface ConceptChoice {
  id: number;
  title: string;
  kind: string;
  scope: string;
}

const KNOWN_ERRORS = new Set(Object.keys(fundingDe.error));

/**
 * Adds a measure to a municipality or edits one (PATCH with If-Match; a 412 shows the newer version and offers to
 * save on it or to load it). Checked before sending; the server's 422 codes land on their fields.
 */
export function MeasureForm({
  ags,
  programmes,
  concepts,
  editing,
  onDone,
}: {
  ags: string;
  programmes: readonly Programme[];
  concepts: readonly ConceptChoice[];
  editing?: MeasureDetail;
  onDone: (saved: MeasureDetail | null) => void;
}) {
  const { t } = useTranslation("funding");
  const id = useId();
  const create = useCreateMeasure();
  const update = useUpdateMeasure();
  const pending = create.isPending || update.isPending;
  const [values, setValues] = useState<MeasureFormValues>(() => (editing ? measureValues(editing) : emptyMeasureValues()));
  const [base, setBase] = useState<MeasureDetail | undefined>(editing);
  const [conflict, setConflict] = useState<MeasureDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const [focus, setFocus] = useState<{ target: "conflict" | "failure" } | null>(null);
  useEffect(() => {
    if (focus?.target === "conflict") conflictRef.current?.focus();
    if (focus?.target === "failure") failureRef.current?.focus();
  }, [focus]);
  const nextRow = useRef(values.amounts.length + 1);

  const labels: Record<MeasureFormField, string> = {
    programmeId: t("form.programme"),
    name: t("form.name"),
    area: t("form.area"),
    startYear: t("form.startYear"),
    endYear: t("form.endYear"),
    state: t("form.state"),
    conceptId: t("form.concept"),
    areaConceptId: t("form.areaConcept"),
    amounts: t("form.amounts"),
    note: t("form.note"),
  };
  const form = useFormErrors(MEASURE_FORM_FIELDS, (field) => labels[field], (field, fieldId) =>
    field === "amounts" ? (values.amounts.length > 0 ? `${fieldId}-year-0` : `${fieldId}-add`) : fieldId,
  );
  const word = (issue: MeasureIssue): string => {
    if (issue.kind) return t(`form.${issue.kind}`);
    return issue.code && KNOWN_ERRORS.has(issue.code) ? t(`error.${issue.code as keyof typeof fundingDe.error}`) : issue.message;
  };
  const showIssues = (issues: MeasureIssue[]) => form.show(placedIssuesToForm(issues.map((issue) => ({ field: issue.field, message: word(issue) }))));
  const set = <K extends keyof MeasureFormValues>(field: K, value: MeasureFormValues[K]) => setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 412) {
      const body = measurePreconditionFailedSchema.safeParse(error.body);
      if (body.success) {
        setConflict(body.data.current);
        setFocus({ target: "conflict" });
        return;
      }
    }
    if (error instanceof ApiError && (error.statusCode === 422 || error.statusCode === 400)) {
      showIssues(measureServerIssues(error.code, error.message, error.issues));
      return;
    }
    setFailure(error instanceof ApiError && error.statusCode === 403 ? t("form.forbidden") : t("form.failed", { message: error.message }));
    setFocus({ target: "failure" });
  };

  const submit = (version: number | undefined) => {
    setFailure(null);
    const checked = validateMeasureForm(ags, values);
    if (checked.issues) {
      showIssues(checked.issues);
      return;
    }
    form.clear();
    const onSuccess = (saved: MeasureDetail) => {
      setConflict(null);
      setBase(saved);
      onDone(saved);
    };
    if (editing && version !== undefined) {
      // The municipality stays the measure's own (a successor's page may show a predecessor's measure).
      const { ags: _ags, ...input } = checked.input;
      update.mutate({ id: editing.id, version, input }, { onSuccess, onError });
    } else {
      create.mutate(checked.input, { onSuccess, onError });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(base?.version);
  };

  const setRow = (index: number, patch: Partial<MeasureFormValues["amounts"][number]>) =>
    set(
      "amounts",
      values.amounts.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    );
  const amountsId = form.fieldId("amounts");
  const addRow = () => {
    const key = nextRow.current++;
    set("amounts", [...values.amounts, { key, year: "", federal: "", land: "", municipal: "" }]);
    setTimeout(() => document.getElementById(`${amountsId}-year-${values.amounts.length}`)?.focus(), 0);
  };
  const removeRow = (index: number) => {
    set(
      "amounts",
      values.amounts.filter((_, at) => at !== index),
    );
    setTimeout(() => document.getElementById(`${amountsId}-add`)?.focus(), 0);
  };
  const townWide = concepts.filter((concept) => concept.scope !== "area");
  const area = concepts.filter((concept) => concept.scope === "area");
  const amountsError = form.error("amounts");
  const activeProgrammes = programmes.filter((programme) => programme.active || programme.id === values.programmeId);

  return (
    <section className="measure-form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{editing ? t("measures.edit", { name: editing.name }) : t("form.createTitle")}</h3>
      <p className="hint">{t("form.intro")}</p>
      {failure ? (
        <p className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          {failure}
        </p>
      ) : null}
      {conflict && base ? (
        <div className="notice notice--warning conflict" role="alert" tabIndex={-1} ref={conflictRef}>
          <p>
            <strong>{t("form.conflictTitle")}</strong>
          </p>
          <p>{t("form.conflictText", { seen: base.version, current: conflict.version })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={pending}
              onClick={() => {
                setBase(conflict);
                const version = conflict.version;
                setConflict(null);
                submit(version);
              }}
            >
              {t("form.conflictRetry", { version: conflict.version })}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={pending}
              onClick={() => {
                setBase(conflict);
                setValues(measureValues(conflict));
                setConflict(null);
                form.clear();
              }}
            >
              {t("form.conflictReload", { version: conflict.version })}
            </button>
          </div>
        </div>
      ) : null}
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("form.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <SelectField {...form.field("programmeId")} label={labels.programmeId} value={values.programmeId} onChange={(event) => set("programmeId", event.target.value)}>
          <option value="">{t("form.chooseProgramme")}</option>
          {activeProgrammes.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {programme.name}
            </option>
          ))}
        </SelectField>
        <Field {...form.field("name")} label={labels.name} hint={t("form.nameHint")} value={values.name} maxLength={300} onChange={(event) => set("name", event.target.value)} />
        <Field {...form.field("area")} label={labels.area} value={values.area} maxLength={300} onChange={(event) => set("area", event.target.value)} />
        <Field {...form.field("startYear")} label={labels.startYear} className="field--short" inputMode="numeric" maxLength={4} value={values.startYear} onChange={(event) => set("startYear", event.target.value)} />
        <Field {...form.field("endYear")} label={labels.endYear} className="field--short" inputMode="numeric" maxLength={4} value={values.endYear} onChange={(event) => set("endYear", event.target.value)} />
        <SelectField {...form.field("state")} label={labels.state} value={values.state} onChange={(event) => set("state", event.target.value as MeasureFormValues["state"])}>
          {MEASURE_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`state.${state}`)}
            </option>
          ))}
        </SelectField>
        <SelectField {...form.field("conceptId")} label={labels.conceptId} value={values.conceptId} onChange={(event) => set("conceptId", event.target.value)}>
          <option value="">{t("form.chooseConcept")}</option>
          {townWide.map((concept) => (
            <option key={concept.id} value={String(concept.id)}>
              {concept.title} ({concept.kind})
            </option>
          ))}
        </SelectField>
        <SelectField {...form.field("areaConceptId")} label={labels.areaConceptId} value={values.areaConceptId} onChange={(event) => set("areaConceptId", event.target.value)}>
          <option value="">{t("form.chooseConcept")}</option>
          {area.map((concept) => (
            <option key={concept.id} value={String(concept.id)}>
              {concept.title} ({concept.kind})
            </option>
          ))}
        </SelectField>
        <fieldset className={amountsError ? "measure-amounts field--invalid" : "measure-amounts"} aria-describedby={`${amountsId}-hint${amountsError ? ` ${amountsId}-error` : ""}`}>
          <legend>{labels.amounts}</legend>
          <p className="hint" id={`${amountsId}-hint`}>
            {t("form.amountsHint")}
          </p>
          <FieldError id={amountsId} error={amountsError} />
          {values.amounts.map((row, index) => (
            <div key={row.key} className="measure-amounts__row">
              <Field id={`${amountsId}-year-${index}`} className="field--short" label={t("form.amountYear", { n: index + 1 })} inputMode="numeric" maxLength={4} value={row.year} onChange={(event) => setRow(index, { year: event.target.value })} />
              <Field id={`${amountsId}-federal-${index}`} label={t("form.amountFederal", { n: index + 1 })} inputMode="decimal" value={row.federal} onChange={(event) => setRow(index, { federal: event.target.value })} />
              <Field id={`${amountsId}-land-${index}`} label={t("form.amountLand", { n: index + 1 })} inputMode="decimal" value={row.land} onChange={(event) => setRow(index, { land: event.target.value })} />
              <Field id={`${amountsId}-municipal-${index}`} label={t("form.amountMunicipal", { n: index + 1 })} inputMode="decimal" value={row.municipal} onChange={(event) => setRow(index, { municipal: event.target.value })} />
              <button type="button" className="button button--secondary" onClick={() => removeRow(index)}>
                {t("form.amountRemove", { n: index + 1 })}
              </button>
            </div>
          ))}
          <button type="button" id={`${amountsId}-add`} className="button button--secondary" onClick={addRow}>
            {t("form.amountAdd")}
          </button>
        </fieldset>
        <TextareaField {...form.field("note")} label={labels.note} rows={3} value={values.note} onChange={(event) => set("note", event.target.value)} />
        <div className="button-row">
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("form.submitting") : editing ? t("form.submitEdit") : t("form.submitCreate")}
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t("form.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
