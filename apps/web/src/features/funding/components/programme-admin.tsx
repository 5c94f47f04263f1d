import { PROGRAMME_LEVELS, type Programme, programmePreconditionFailedSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { CheckboxField, Field, SelectField, TextareaField } from "../../../components/form/field";
import { apiErrorToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { QueryState } from "../../../components/query-state";
import { ApiError } from "../../../lib/api-client";
import { useFormatters } from "../../../lib/use-formatters";
import { fundingDe } from "../../../lib/locales/funding.de";
import { useCreateProgramme, useProgrammes, useUpdateProgramme } from "../api";
import { PROGRAMME_FORM_FIELDS, type ProgrammeFormField, type ProgrammeFormValues, emptyProgrammeValues, programmeValues, validateProgrammeForm } from "../programme-form-model";

const KNOWN_ERRORS = new Set(Object.keys(fundingDe.error));

function ProgrammeForm({ editing, onDone }: { editing: Programme | null; onDone: (saved: Programme | null) => void }) {
  const { t } = useTranslation("funding");
  const id = useId();
  const create = useCreateProgramme();
  const update = useUpdateProgramme();
  const pending = create.isPending || update.isPending;
  const [values, setValues] = useState<ProgrammeFormValues>(() => (editing ? programmeValues(editing) : emptyProgrammeValues()));
  const [base, setBase] = useState<Programme | null>(editing);
  const [conflict, setConflict] = useState<Programme | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  const labels: Record<ProgrammeFormField, string> = {
    id: t("programmes.id"),
    name: t("programmes.name"),
    level: t("programmes.level"),
    minPopulation: t("programmes.minPopulationLabel"),
    periodFrom: t("programmes.periodFrom"),
    periodTo: t("programmes.periodTo"),
    source: t("programmes.source"),
    notes: t("programmes.notes"),
  };
  const form = useFormErrors(PROGRAMME_FORM_FIELDS, (field) => labels[field]);
  const set = <K extends keyof ProgrammeFormValues>(field: K, value: ProgrammeFormValues[K]) => setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 412) {
      const body = programmePreconditionFailedSchema.safeParse(error.body);
      if (body.success) {
        setConflict(body.data.current);
        return;
      }
    }
    if (error instanceof ApiError && error.code === "PROGRAMME_ID_TAKEN") {
      form.show({ fields: { id: t("error.PROGRAMME_ID_TAKEN") }, form: null });
      return;
    }
    if (error instanceof ApiError && error.code === "PROGRAMME_PERIOD_INVALID") {
      form.show({ fields: { periodTo: t("error.PROGRAMME_PERIOD_INVALID") }, form: null });
      return;
    }
    form.show(
      apiErrorToForm(error, PROGRAMME_FORM_FIELDS, (e) =>
        e instanceof ApiError && e.statusCode === 403
          ? t("programmes.forbidden")
          : e instanceof ApiError && KNOWN_ERRORS.has(e.code)
            ? t(`error.${e.code as keyof typeof fundingDe.error}`)
            : t("form.failed", { message: e instanceof Error ? e.message : String(e) }),
      ),
    );
  };

  const submit = (version: number | undefined) => {
    const checked = validateProgrammeForm(values);
    if (checked.fields) {
      form.showFields(Object.fromEntries(checked.fields.map((field) => [field, t("programmes.invalid")])));
      return;
    }
    form.clear();
    if (editing && version !== undefined) {
      const { id: _id, ...input } = checked.input;
      update.mutate({ id: editing.id, version, input }, { onSuccess: (saved) => onDone(saved), onError });
    } else {
      create.mutate(checked.input, { onSuccess: (saved) => onDone(saved), onError });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(base?.version);
  };

  return (
    <section className="programme-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{editing ? t("programmes.editTitle", { name: editing.name }) : t("programmes.createTitle")}</h2>
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
                setConflict(null);
                submit(conflict.version);
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
                setValues(programmeValues(conflict));
                setConflict(null);
                form.clear();
              }}
            >
              {t("form.conflictReload", { version: conflict.version })}
            </button>
          </div>
        </div>
      ) : null}
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("programmes.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        {editing ? null : <Field {...form.field("id")} label={labels.id} hint={t("programmes.idHint")} value={values.id} maxLength={80} onChange={(event) => set("id", event.target.value)} />}
        <Field {...form.field("name")} label={labels.name} value={values.name} maxLength={300} onChange={(event) => set("name", event.target.value)} />
        <SelectField {...form.field("level")} label={labels.level} value={values.level} onChange={(event) => set("level", event.target.value as ProgrammeFormValues["level"])}>
          {PROGRAMME_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`level.${level}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField id={`${id}-townwide`} label={t("programmes.requiresTownWide")} checked={values.townWideConcept} onChange={(event) => set("townWideConcept", event.target.checked)} />
        <CheckboxField id={`${id}-area`} label={t("programmes.requiresArea")} checked={values.areaConcept} onChange={(event) => set("areaConcept", event.target.checked)} />
        <CheckboxField id={`${id}-joint`} label={t("programmes.jointAllowed")} checked={values.jointConceptAllowed} onChange={(event) => set("jointConceptAllowed", event.target.checked)} />
        <Field {...form.field("minPopulation")} label={labels.minPopulation} hint={t("programmes.minPopulationHint")} inputMode="numeric" className="field--short" value={values.minPopulation} onChange={(event) => set("minPopulation", event.target.value)} />
        <Field {...form.field("periodFrom")} label={labels.periodFrom} inputMode="numeric" maxLength={4} className="field--short" value={values.periodFrom} onChange={(event) => set("periodFrom", event.target.value)} />
        <Field {...form.field("periodTo")} label={labels.periodTo} inputMode="numeric" maxLength={4} className="field--short" value={values.periodTo} onChange={(event) => set("periodTo", event.target.value)} />
        <TextareaField {...form.field("source")} label={labels.source} rows={2} value={values.source} onChange={(event) => set("source", event.target.value)} />
        <TextareaField {...form.field("notes")} label={labels.notes} rows={3} value={values.notes} onChange={(event) => set("notes", event.target.value)} />
        <CheckboxField id={`${id}-active`} label={t("programmes.activeLabel")} checked={values.active} onChange={(event) => set("active", event.target.checked)} />
        <div className="button-row">
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("form.submitting") : t("programmes.save")}
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t("form.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The programmes with their requirements; an SMR administrator adds and edits them here. */
export function ProgrammeAdmin({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  const id = useId();
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<Programme | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  const requirements = (programme: Programme) => {
    const parts = [
      programme.requirements.townWideConcept ? t("programmes.townWide") : null,
      programme.requirements.areaConcept ? t("programmes.area") : null,
      programme.requirements.minPopulation !== null ? t("programmes.minPopulation", { count: format.integer(programme.requirements.minPopulation) }) : null,
    ].filter((part): part is string => part !== null);
    return parts.length > 0 ? parts.join(", ") : t("programmes.noRequirements");
  };
  const period = (programme: Programme) =>
    programme.period.from === null && programme.period.to === null ? "–" : `${programme.period.from ?? "…"}–${programme.period.to ?? "…"}`;

  return (
    <>
      {saved ? (
        <p className="notice notice--success" role="status" tabIndex={-1} ref={savedRef}>
          {saved}
        </p>
      ) : null}
      {editing !== null ? (
        <ProgrammeForm
          key={editing === "new" ? "new" : editing.id}
          editing={editing === "new" ? null : editing}
          onDone={(result) => {
            setEditing(null);
            if (result) setSaved(t("programmes.saved", { name: result.name }));
          }}
        />
      ) : canEdit ? (
        <p>
          <button type="button" className="button" onClick={() => setEditing("new")}>
            {t("programmes.create")}
          </button>
        </p>
      ) : null}
      <QueryState query={programmes}>
        {(data) => (
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="data-table programme-table">
              <caption id={`${id}-caption`}>{t("programmes.caption", { count: data.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("programmes.columnName")}</th>
                  <th scope="col">{t("programmes.columnLevel")}</th>
                  <th scope="col">{t("programmes.columnRequirements")}</th>
                  <th scope="col">{t("programmes.columnPeriod")}</th>
                  <th scope="col">{t("programmes.columnActive")}</th>
                  {canEdit ? <th scope="col">{t("programmes.columnActions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.items.map((programme) => (
                  <tr key={programme.id} data-programme={programme.id}>
                    <th scope="row">{programme.name}</th>
                    <td>{t(`level.${programme.level}`)}</td>
                    <td>{requirements(programme)}</td>
                    <td>{period(programme)}</td>
                    <td>{programme.active ? t("programmes.active") : t("programmes.closed")}</td>
                    {canEdit ? (
                      <td>
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t("programmes.editLabel", { name: programme.name })}
                          onClick={() => {
                            setSaved(null);
                            setEditing(programme);
                          }}
                        >
                          {t("programmes.edit")}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
