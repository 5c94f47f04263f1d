import { CONSULTATION_KINDS, CONSULTATION_TOPICS, type Consultation, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { ApiError } from "../../../lib/api-client";
import { useFormatters } from "../../../lib/use-formatters";
import { useCreateConsultation, useUpdateConsultation } from "../api";
import {
  type ConsultationField,
  type ConsultationFormValues,
  type ConsultationIssue,
  consultationServerIssues,
  consultationValues,
  emptyConsultationValues,
  validateConsultation,
} from "../consultation-form-model";
import { MunicipalityPicker } from "./municipality-picker";

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
  const [issues, setIssues] = useState<ConsultationIssue[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [focus, setFocus] = useState<{ target: "summary" | "outcome" } | null>(null);
  useEffect(() => {
    if (!focus) return;
    (focus.target === "summary" ? summaryRef : outcomeRef).current?.focus();
  }, [focus]);

  const fieldId = (field: ConsultationField) => (field === "topics" ? `${id}-topics-${CONSULTATION_TOPICS[0]}` : `${id}-${field}`);
  const labels: Record<ConsultationField, string> = {
    date: t("consultations.date"),
    kind: t("consultations.kind"),
    ags: t("consultations.municipalities"),
    topics: t("consultations.topics"),
    topicOther: t("consultations.topicOther"),
    summary: t("consultations.summary"),
    nextStep: t("consultations.nextStep"),
    nextContactDate: t("consultations.nextContactDate"),
    internal: t("consultations.internal"),
  };
  const issueText = (issue: ConsultationIssue) => (issue.kind ? t(`common.${issue.kind}`) : issue.message);
  const fieldIssues = (field: ConsultationField) => issues.filter((issue) => issue.field === field);
  const invalid = (field: ConsultationField) => fieldIssues(field).length > 0;
  const errorId = (field: ConsultationField) => (invalid(field) ? `${id}-${field}-error` : undefined);
  const errorText = (field: ConsultationField) =>
    invalid(field) ? (
      <p className="field__error" id={`${id}-${field}-error`}>
        {fieldIssues(field).map(issueText).join(" ")}
      </p>
    ) : null;
  const fieldClass = (field: ConsultationField) => `field${invalid(field) ? " field--invalid" : ""}`;
  const set = <K extends keyof ConsultationFormValues>(field: K, value: ConsultationFormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.issues.length > 0) {
      setIssues(consultationServerIssues(error.issues));
      setFocus({ target: "summary" });
      return;
    }
    const text =
      error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message });
    setOutcome({ kind: "error", text });
    setFocus({ target: "outcome" });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const checked = validateConsultation(values);
    if (checked.issues) {
      setIssues(checked.issues);
      setFocus({ target: "summary" });
      return;
    }
    setIssues([]);
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
        setFocus({ target: "outcome" });
      },
      onError,
    });
  };

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
      {issues.length > 0 ? (
        <ErrorSummary
          ref={summaryRef}
          title={t("common.errorSummary")}
          items={issues.map((issue) =>
            issue.field ? { fieldId: fieldId(issue.field), label: labels[issue.field], message: issueText(issue) } : { message: issueText(issue) },
          )}
        />
      ) : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <div className={fieldClass("date")}>
          <label htmlFor={fieldId("date")}>{labels.date}</label>
          {errorText("date")}
          <input
            id={fieldId("date")}
            name="date"
            type="date"
            required
            value={values.date}
            aria-invalid={invalid("date") || undefined}
            aria-describedby={errorId("date")}
            onChange={(event) => set("date", event.target.value)}
          />
        </div>
        <div className={fieldClass("kind")}>
          <label htmlFor={fieldId("kind")}>{labels.kind}</label>
          {errorText("kind")}
          <select
            id={fieldId("kind")}
            name="kind"
            required
            value={values.kind}
            aria-invalid={invalid("kind") || undefined}
            aria-describedby={errorId("kind")}
            onChange={(event) => set("kind", event.target.value)}
          >
            <option value="">{t("consultations.chooseKind")}</option>
            {CONSULTATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={fieldClass("ags")}>
          {errorText("ags")}
          <MunicipalityPicker
            inputId={fieldId("ags")}
            label={labels.ags}
            value={values.municipalities}
            onChange={(next) => set("municipalities", next)}
            invalid={invalid("ags")}
            errorId={errorId("ags")}
          />
        </div>
        <fieldset className={`field--checkboxes${invalid("topics") ? " field--invalid" : ""}`} aria-describedby={errorId("topics")}>
          <legend>{labels.topics}</legend>
          {errorText("topics")}
          {CONSULTATION_TOPICS.map((topic) => (
            <div className="field field--checkbox" key={topic}>
              <input
                id={`${id}-topics-${topic}`}
                type="checkbox"
                name="topics"
                value={topic}
                checked={values.topics.includes(topic)}
                onChange={(event) =>
                  set("topics", event.target.checked ? [...values.topics, topic] : values.topics.filter((other) => other !== topic))
                }
              />
              <label htmlFor={`${id}-topics-${topic}`}>{t(`topic.${topic}`)}</label>
            </div>
          ))}
        </fieldset>
        {values.topics.includes("other") ? (
          <div className={fieldClass("topicOther")}>
            <label htmlFor={fieldId("topicOther")}>{labels.topicOther}</label>
            {errorText("topicOther")}
            <input
              id={fieldId("topicOther")}
              name="topicOther"
              type="text"
              maxLength={200}
              value={values.topicOther}
              aria-invalid={invalid("topicOther") || undefined}
              aria-describedby={errorId("topicOther")}
              onChange={(event) => set("topicOther", event.target.value)}
            />
          </div>
        ) : null}
        <div className={fieldClass("summary")}>
          <label htmlFor={fieldId("summary")}>{labels.summary}</label>
          {errorText("summary")}
          <textarea
            id={fieldId("summary")}
            name="summary"
            rows={4}
            maxLength={8000}
            required
            value={values.summary}
            aria-invalid={invalid("summary") || undefined}
            aria-describedby={errorId("summary")}
            onChange={(event) => set("summary", event.target.value)}
          />
        </div>
        <div className={fieldClass("nextStep")}>
          <label htmlFor={fieldId("nextStep")}>{labels.nextStep}</label>
          {errorText("nextStep")}
          <textarea
            id={fieldId("nextStep")}
            name="nextStep"
            rows={2}
            maxLength={2000}
            value={values.nextStep}
            aria-invalid={invalid("nextStep") || undefined}
            aria-describedby={errorId("nextStep")}
            onChange={(event) => set("nextStep", event.target.value)}
          />
        </div>
        <div className={fieldClass("nextContactDate")}>
          <label htmlFor={fieldId("nextContactDate")}>{labels.nextContactDate}</label>
          {errorText("nextContactDate")}
          <input
            id={fieldId("nextContactDate")}
            name="nextContactDate"
            type="date"
            value={values.nextContactDate}
            aria-invalid={invalid("nextContactDate") || undefined}
            aria-describedby={errorId("nextContactDate")}
            onChange={(event) => set("nextContactDate", event.target.value)}
          />
        </div>
        <div className="field field--checkbox">
          <input
            id={fieldId("internal")}
            name="internal"
            type="checkbox"
            checked={values.internal}
            onChange={(event) => set("internal", event.target.checked)}
          />
          <label htmlFor={fieldId("internal")}>{labels.internal}</label>
        </div>
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
