import {
  CONCEPT_RECORD_KINDS,
  CONCEPT_SCOPES,
  type ConceptDetail,
  type ConceptListItem,
  PARTICIPATION_FORMATS,
  type ParticipationFormat,
  TOWN_WIDE_CONCEPT_KINDS,
  conceptPreconditionFailedSchema,
} from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { DateField, Field, FieldError, SelectField, TextareaField } from "../../../components/form/field";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { MunicipalityPicker } from "../../../components/municipality-picker";
import { ApiError } from "../../../lib/api-client";
import { useConceptsOfMunicipalities, useCreateConcept, useUpdateConcept } from "../api";
import {
  CONCEPT_FORM_FIELDS,
  type ConceptFormField,
  type ConceptFormValues,
  type ConceptIssue,
  conceptServerIssues,
  conceptValues,
  emptyConceptValues,
  validateConceptForm,
} from "../concept-form-model";
import { errorText } from "../concept-errors";
import "../concepts.css";

const isTownWide = (concept: { kind: string }) => (TOWN_WIDE_CONCEPT_KINDS as readonly string[]).includes(concept.kind);

/** The concepts of the chosen municipalities, once each (the choices of a parent and of the concept updated). */
function useCandidates(members: readonly { ags: string }[], self: number | undefined): ConceptListItem[] {
  const queries = useConceptsOfMunicipalities(members.map((member) => member.ags));
  const byId = new Map<number, ConceptListItem>();
  for (const query of queries) for (const item of query.data?.items ?? []) if (item.id !== self) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, "de"));
}

/**
 * Creates a concept or edits one (PATCH with If-Match, a 412 shows what changed and offers to save on the new
 * version). Checked with the contract before sending; the server's 422 codes land on their fields.
 */
export function ConceptForm({
  editing,
  prefill,
  onSaved,
}: {
  editing?: ConceptDetail;
  prefill?: Partial<ConceptFormValues>;
  onSaved: (concept: ConceptDetail) => void;
}) {
  const { t } = useTranslation("concepts");
  const id = useId();
  const create = useCreateConcept();
  const update = useUpdateConcept();
  const pending = create.isPending || update.isPending;
  const [values, setValues] = useState<ConceptFormValues>(() => (editing ? conceptValues(editing) : emptyConceptValues(prefill)));
  const [base, setBase] = useState<ConceptDetail | undefined>(editing);
  const [conflict, setConflict] = useState<ConceptDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const [focus, setFocus] = useState<{ target: "conflict" | "failure" } | null>(null);
  useEffect(() => {
    if (focus?.target === "conflict") conflictRef.current?.focus();
    if (focus?.target === "failure") failureRef.current?.focus();
  }, [focus]);
  const nextRow = useRef(values.participation.length + 1);

  const labels: Record<ConceptFormField, string> = {
    title: t("form.title"),
    kind: t("form.kind"),
    scope: t("form.scope"),
    members: t("form.members"),
    leadAgs: t("form.lead"),
    parentId: t("form.parent"),
    updatesId: t("form.updates"),
    horizonYear: t("form.horizonYear"),
    participation: t("form.participation"),
    note: t("form.note"),
  };
  // Links of the summary: the picker's input, the first row's date (or the add button) for participation.
  const form = useFormErrors(CONCEPT_FORM_FIELDS, (field) => labels[field], (field, fieldId) =>
    field === "participation" ? (values.participation.length > 0 ? `${fieldId}-date-0` : `${fieldId}-add`) : fieldId,
  );
  const word = (issue: ConceptIssue): string => {
    if (issue.kind) return t(`form.${issue.kind}`);
    return errorText(t, issue.code, issue.message);
  };
  const showIssues = (issues: ConceptIssue[]) => form.show(placedIssuesToForm(issues.map((issue) => ({ field: issue.field, message: word(issue) }))));

  const candidates = useCandidates(values.members, editing?.id);
  const parentCandidates = candidates.filter(isTownWide);
  const set = <K extends keyof ConceptFormValues>(field: K, value: ConceptFormValues[K]) => setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 412) {
      const body = conceptPreconditionFailedSchema.safeParse(error.body);
      if (body.success) {
        setConflict(body.data.current);
        setFocus({ target: "conflict" });
        return;
      }
    }
    if (error instanceof ApiError && (error.statusCode === 422 || error.statusCode === 400)) {
      showIssues(conceptServerIssues(error.code, error.message, error.issues));
      return;
    }
    setFailure(error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message }));
    setFocus({ target: "failure" });
  };

  const submit = (version: number | undefined) => {
    setFailure(null);
    const checked = validateConceptForm(values);
    if (checked.issues) {
      showIssues(checked.issues);
      return;
    }
    form.clear();
    if (editing && version !== undefined) {
      update.mutate(
        { id: editing.id, version, input: checked.input },
        {
          onSuccess: (saved) => {
            setConflict(null);
            setBase(saved);
            onSaved(saved);
          },
          onError,
        },
      );
    } else {
      create.mutate(checked.input, { onSuccess: onSaved, onError });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(base?.version);
  };

  const retryOnCurrent = () => {
    if (!conflict) return;
    setBase(conflict);
    setConflict(null);
    submit(conflict.version);
  };

  const reloadCurrent = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(conceptValues(conflict));
    setConflict(null);
    form.clear();
  };

  const setRow = (index: number, patch: { date?: string; format?: ParticipationFormat | "" }) =>
    set(
      "participation",
      values.participation.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    );
  const addRow = () => {
    const key = nextRow.current++;
    set("participation", [...values.participation, { key, date: "", format: "" }]);
    // The new row's date field takes focus once rendered.
    setTimeout(() => document.getElementById(`${form.fieldId("participation")}-date-${values.participation.length}`)?.focus(), 0);
  };
  const removeRow = (index: number) => {
    set(
      "participation",
      values.participation.filter((_, at) => at !== index),
    );
    setTimeout(() => document.getElementById(`${form.fieldId("participation")}-add`)?.focus(), 0);
  };

  const membersError = form.error("members");
  const participationError = form.error("participation");
  const participationId = form.fieldId("participation");

  return (
    <section className="concept-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="visually-hidden">
        {editing ? t("form.editTitle") : t("form.createTitle")}
      </h2>
      <p className="hint">{editing && base ? `${t("form.editIntro", { version: base.version })} ${t("form.intro")}` : t("form.intro")}</p>

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
          <p>{t("form.conflictText", { seen: base.version, current: conflict.version, title: conflict.title })}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={retryOnCurrent} disabled={pending}>
              {t("form.conflictRetry", { version: conflict.version })}
            </button>
            <button type="button" className="button button--secondary" onClick={reloadCurrent} disabled={pending}>
              {t("form.conflictReload", { version: conflict.version })}
            </button>
          </div>
        </div>
      ) : null}

      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("form.errorSummary")} items={form.summaryItems} /> : null}

      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Field {...form.field("title")} label={labels.title} value={values.title} onChange={(event) => set("title", event.target.value)} maxLength={300} />
        <SelectField
          {...form.field("scope")}
          label={labels.scope}
          value={values.scope}
          onChange={(event) => set("scope", event.target.value as ConceptFormValues["scope"])}
        >
          <option value="">{t("form.chooseScope")}</option>
          {CONCEPT_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {t(`scopeLong.${scope}`)}
            </option>
          ))}
        </SelectField>
        <SelectField {...form.field("kind")} label={labels.kind} value={values.kind} onChange={(event) => set("kind", event.target.value as ConceptFormValues["kind"])}>
          <option value="">{t("form.chooseKind")}</option>
          {CONCEPT_RECORD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kindLong.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className={membersError ? "field field--invalid" : "field"}>
          <FieldError id={form.fieldId("members")} error={membersError} />
          <MunicipalityPicker
            inputId={form.fieldId("members")}
            label={labels.members}
            value={values.members}
            onChange={(members) => setValues((previous) => ({
              ...previous,
              members,
              leadAgs: members.some((member) => member.ags === previous.leadAgs) ? previous.leadAgs : "",
            }))}
            invalid={membersError !== undefined}
            errorId={membersError ? `${form.fieldId("members")}-error` : undefined}
          />
          <p className="hint">{t("form.membersHint")}</p>
        </div>
        {values.scope === "joint" ? (
          <SelectField {...form.field("leadAgs")} label={labels.leadAgs} hint={t("form.leadHint")} value={values.leadAgs} onChange={(event) => set("leadAgs", event.target.value)}>
            <option value="">{t("form.chooseLead")}</option>
            {values.members.map((member) => (
              <option key={member.ags} value={member.ags}>
                {member.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        {values.scope === "area" ? (
          <SelectField
            {...form.field("parentId")}
            label={labels.parentId}
            hint={values.members.length > 0 && parentCandidates.length === 0 ? t("form.noParentCandidates") : t("form.parentHint")}
            value={values.parentId}
            onChange={(event) => set("parentId", event.target.value)}
          >
            <option value="">{t("form.chooseParent")}</option>
            {parentCandidates.map((concept) => (
              <option key={concept.id} value={String(concept.id)}>
                {concept.title} ({t(`kind.${concept.kind}`)}, {t(`status.${concept.status}`)})
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField {...form.field("updatesId")} label={labels.updatesId} hint={t("form.updatesHint")} value={values.updatesId} onChange={(event) => set("updatesId", event.target.value)}>
          <option value="">{t("form.chooseUpdates")}</option>
          {candidates.map((concept) => (
            <option key={concept.id} value={String(concept.id)}>
              {concept.title} ({t(`kind.${concept.kind}`)}, {t(`status.${concept.status}`)})
            </option>
          ))}
        </SelectField>
        <Field
          {...form.field("horizonYear")}
          label={labels.horizonYear}
          inputMode="numeric"
          className="field--short"
          value={values.horizonYear}
          onChange={(event) => set("horizonYear", event.target.value)}
        />
        <fieldset className={participationError ? "concept-participation field--invalid" : "concept-participation"} aria-describedby={`${participationId}-hint${participationError ? ` ${participationId}-error` : ""}`}>
          <legend>{labels.participation}</legend>
          <p className="hint" id={`${participationId}-hint`}>
            {t("form.participationHint")}
          </p>
          <FieldError id={participationId} error={participationError} />
          {values.participation.map((row, index) => (
            <div key={row.key} className="concept-participation__row">
              <DateField
                id={`${participationId}-date-${index}`}
                label={t("form.participationDate", { n: index + 1 })}
                value={row.date}
                onChange={(value) => setRow(index, { date: value })}
              />
              <SelectField
                id={`${participationId}-format-${index}`}
                label={t("form.participationFormat", { n: index + 1 })}
                value={row.format}
                onChange={(event) => setRow(index, { format: event.target.value as ParticipationFormat | "" })}
              >
                <option value="">{t("form.chooseKind")}</option>
                {PARTICIPATION_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {t(`format.${format}`)}
                  </option>
                ))}
              </SelectField>
              <button type="button" className="button button--secondary" onClick={() => removeRow(index)}>
                {t("form.participationRemove", { n: index + 1 })}
              </button>
            </div>
          ))}
          <button type="button" id={`${participationId}-add`} className="button button--secondary" onClick={addRow}>
            {t("form.participationAdd")}
          </button>
        </fieldset>
        <TextareaField {...form.field("note")} label={labels.note} rows={3} value={values.note} onChange={(event) => set("note", event.target.value)} />
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("form.submitting") : editing ? t("form.submitEdit") : t("form.submitCreate")}
          </button>
        </div>
      </form>
    </section>
  );
}
