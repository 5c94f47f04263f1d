import { CONSULTATION_KINDS, CONSULTATION_TOPICS, type Consultation, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { CheckboxField, DateField, Field, FieldError, SelectField, TextareaField } from "../../../components/form/field";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { useFormatters } from "../../../lib/use-formatters";
import { useCreateConsultation, useUpdateConsultation } from "../api";
import {
  CONSULTATION_FIELDS,
  type ConsultationField,
  type ConsultationFormValues,
  type ConsultationIssue,
  consultationServerIssues,
  consultationValues,
  emptyConsultationValues,
  validateConsultation,
} from "../consultation-form-model";
import { MunicipalityPicker } from "../../../components/municipality-picker";
import "../consultations.css";

type Outcome = { kind: "saved"; text: string } | { kind: "error"; text: string } | null;

/**
 * Records a consultation (or edits one of the advisor's own): validated with the shared contract before
 * sending; the server's 400/422 issues appear at their fields, and focus moves to what answers the submit.
 */
export function ConsultationForm({ editing, onDone }: { editing?: Consultation; onDone?: (message?: string) => void }) {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const id = useId();
  const create = useCreateConsultation();
  const update = useUpdateConsultation();
  const pending = create.isPending || update.isPending;
  const [values, setValues] = useState<ConsultationFormValues>(() =>
    editing ? consultationValues(editing) : emptyConsultationValues(todayInSaxony()),
  );
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [outcomeFocus, setOutcomeFocus] = useState(0);
  useEffect(() => {
    if (outcomeFocus > 0) outcomeRef.current?.focus();
  }, [outcomeFocus]);

  const labels: Record<ConsultationField, string> = {
    date: t("consultations.date"),
    kind: t("consultations.kind"),
    ags: t("consultations.municipalities"),
    topics: t("consultations.topics"),
    topicOther: t("consultations.topicOther"),
    summary: t("consultations.summary"),
    nextStep: t("consultations.nextStep"),
    practiceId: t("consultation.practiceId", { ns: "practices" }),
    nextContactDate: t("consultations.nextContactDate"),
    internal: t("consultations.internal"),
  };
  // The topics' summary link points at the group's first box.
  const form = useFormErrors(CONSULTATION_FIELDS, (field) => labels[field], (field, fieldId) =>
    field === "topics" ? `${fieldId}-${CONSULTATION_TOPICS[0]}` : fieldId,
  );
  const showIssues = (issues: ConsultationIssue[]) =>
    form.show(placedIssuesToForm(issues.map((issue) => ({ field: issue.field, message: issue.kind ? t(`common.${issue.kind}`) : issue.message }))));
  const set = <K extends keyof ConsultationFormValues>(field: K, value: ConsultationFormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.issues.length > 0) {
      showIssues(consultationServerIssues(error.issues));
      return;
    }
    const text =
      error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message });
    setOutcome({ kind: "error", text });
    setOutcomeFocus((count) => count + 1);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const checked = validateConsultation(values);
    if (checked.issues) {
      showIssues(checked.issues);
      return;
    }
    form.clear();
    if (editing) {
      update.mutate(
        { id: editing.id, input: { ...checked.input } },
        {
          onSuccess: () => {
            onDone?.(t("consultations.updated"));
          },
          onError,
        },
      );
      return;
    }
    create.mutate(checked.input, {
      onSuccess: (created) => {
        setOutcome({ kind: "saved", text: t("consultations.saved", { date: format.date(created.date) }) });
        setValues(emptyConsultationValues(todayInSaxony()));
        setOutcomeFocus((count) => count + 1);
      },
      onError,
    });
  };

  // The picker and the topic group are described by their error text, which FieldError draws.
  const errorId = (field: "ags" | "topics") => (form.error(field) ? `${form.fieldId(field)}-error` : undefined);

  const headingId = `${id}-heading`;
  return (
    <section className="record-form" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {editing ? t("consultations.editHeading", { date: format.date(editing.date) }) : t("consultations.formHeading")}
      </h2>
      <div aria-live="polite">
        {outcome ? (
          <p
            ref={outcomeRef}
            tabIndex={-1}
            className={`notice ${outcome.kind === "saved" ? "notice--success" : "notice--error"}`}
            role={outcome.kind === "error" ? "alert" : "status"}
          >
            {outcome.text}
          </p>
        ) : null}
      </div>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("common.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <DateField
          {...form.field("date")}
          label={labels.date}
          name="date"
          required
          value={values.date}
          onChange={(value) => set("date", value)}
        />
        <SelectField
          {...form.field("kind")}
          label={labels.kind}
          name="kind"
          required
          value={values.kind}
          onChange={(event) => set("kind", event.target.value)}
        >
          <option value="">{t("consultations.chooseKind")}</option>
          {CONSULTATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className={`field${form.error("ags") ? " field--invalid" : ""}`}>
          <FieldError id={form.fieldId("ags")} error={form.error("ags")} />
          <MunicipalityPicker
            inputId={form.fieldId("ags")}
            label={labels.ags}
            value={values.municipalities}
            onChange={(next) => set("municipalities", next)}
            invalid={Boolean(form.error("ags"))}
            errorId={errorId("ags")}
          />
        </div>
        <fieldset className={`field--checkboxes${form.error("topics") ? " field--invalid" : ""}`} aria-describedby={errorId("topics")}>
          <legend>{labels.topics}</legend>
          <FieldError id={form.fieldId("topics")} error={form.error("topics")} />
          {CONSULTATION_TOPICS.map((topic) => (
            <CheckboxField
              key={topic}
              id={`${form.fieldId("topics")}-${topic}`}
              label={t(`topic.${topic}`)}
              name="topics"
              value={topic}
              checked={values.topics.includes(topic)}
              onChange={(event) =>
                set("topics", event.target.checked ? [...values.topics, topic] : values.topics.filter((other) => other !== topic))
              }
            />
          ))}
        </fieldset>
        {values.topics.includes("other") ? (
          <Field
            {...form.field("topicOther")}
            label={labels.topicOther}
            name="topicOther"
            maxLength={200}
            value={values.topicOther}
            onChange={(event) => set("topicOther", event.target.value)}
          />
        ) : null}
        <TextareaField
          {...form.field("summary")}
          label={labels.summary}
          name="summary"
          rows={4}
          maxLength={8000}
          required
          value={values.summary}
          onChange={(event) => set("summary", event.target.value)}
        />
        <Field
          {...form.field("practiceId")}
          label={labels.practiceId}
          hint={t("consultation.practiceIdHint", { ns: "practices" })}
          name="practiceId"
          inputMode="numeric"
          className="field--short"
          value={values.practiceId}
          onChange={(event) => set("practiceId", event.target.value)}
        />
        <TextareaField
          {...form.field("nextStep")}
          label={labels.nextStep}
          name="nextStep"
          rows={2}
          maxLength={2000}
          value={values.nextStep}
          onChange={(event) => set("nextStep", event.target.value)}
        />
        <DateField
          {...form.field("nextContactDate")}
          label={labels.nextContactDate}
          name="nextContactDate"
          value={values.nextContactDate}
          onChange={(value) => set("nextContactDate", value)}
        />
        <CheckboxField
          id={form.fieldId("internal")}
          label={labels.internal}
          name="internal"
          checked={values.internal}
          onChange={(event) => set("internal", event.target.checked)}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("common.saving") : editing ? t("common.save") : t("consultations.submit")}
          </button>
          {editing && onDone ? (
            <button type="button" className="button button--secondary" onClick={() => onDone()}>
              {t("common.cancel")}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
