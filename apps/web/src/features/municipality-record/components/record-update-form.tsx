import {
  CONCEPT_KINDS,
  ERROR_CODES,
  type MunicipalityDetail,
  type SessionUser,
  type Status,
  preconditionFailedSchema,
} from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useCreateEvent } from "../api/create-event";
import {
  type FieldIssue,
  type RecordFormField,
  type RecordFormValues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  validateRecordForm,
} from "../../../components/status-event/status-event-form";
import { ErrorSummary } from "../../../components/error-summary";

interface Conflict {
  seen: { status: Status; version: number };
  current: MunicipalityDetail;
}

type Outcome = { kind: "saved"; version: number } | { kind: "error"; message: string } | null;

type FocusTarget = "summary" | "conflict" | "outcome";

/** The update form for writers; validates with the shared contract and builds on the version it loaded. */
export function RecordUpdateForm({ municipality, user }: { municipality: MunicipalityDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const id = useId();
  const createEvent = useCreateEvent();
  const [values, setValues] = useState<RecordFormValues>(() => initialFormValues(municipality.record));
  // What the user saw when they started: the base of If-Match and of the conflict message.
  const [base, setBase] = useState({ status: municipality.record.status, version: municipality.version });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // After each submit, focus moves to what answers it (error summary, conflict, or result), once rendered.
  const [focusTarget, setFocusTarget] = useState<{ target: FocusTarget } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const refs = { summary: summaryRef, conflict: conflictRef, outcome: outcomeRef };
    refs[focusTarget.target].current?.focus();
  }, [focusTarget]);
  const focusLater = (target: FocusTarget) => setFocusTarget({ target });

  const internalNoteAllowed = user.role === "smr" || user.role === "advisor";
  const fieldId = (field: RecordFormField) => `${id}-${field}`;
  const labels: Record<RecordFormField, string> = {
    status: t("record.newStatus"),
    conceptKind: t("record.conceptKindField"),
    effectiveDate: t("record.effectiveDate"),
    councilResolutionDate: t("record.councilResolutionDate"),
    documentUrl: t("record.documentUrl"),
    horizonYear: t("record.horizonYearField"),
    note: t("record.note"),
    noteInternal: t("record.noteInternal"),
  };
  const issueText = (issue: FieldIssue) => (issue.kind ? t(`record.issue.${issue.kind}`) : issue.message);
  const fieldIssues = (field: RecordFormField) => issues.filter((issue) => issue.field === field);

  const submit = (version: number, status: Status) => {
    const checked = validateRecordForm(values, { internalNoteAllowed });
    setOutcome(null);
    if (checked.issues) {
      setIssues(checked.issues);
      focusLater("summary");
      return;
    }
    setIssues([]);
    createEvent.mutate(
      { ags: municipality.ags, version, input: checked.input },
      {
        onSuccess: (created) => {
          setConflict(null);
          setBase({ status: created.event.status ?? status, version: created.version });
          // The next change starts from what was just recorded; the status is chosen anew.
          setValues((previous) => ({ ...previous, status: "", effectiveDate: "", note: "", noteInternal: false }));
          setOutcome({ kind: "saved", version: created.version });
          focusLater("outcome");
        },
        onError: (error) => {
          if (error instanceof ApiError && error.statusCode === 412) {
            const body = preconditionFailedSchema.safeParse(error.body);
            if (body.success) {
              setConflict({ seen: { status, version }, current: body.data.current });
              focusLater("conflict");
              return;
            }
          }
          if (error instanceof ApiError && error.issues.length > 0) {
            setIssues(serverIssues(error.issues));
            focusLater("summary");
            return;
          }
          const message =
            error instanceof ApiError && (error.code === ERROR_CODES.outOfScope || error.statusCode === 403)
              ? t("record.forbidden")
              : t("record.failed", { message: error.message });
          setOutcome({ kind: "error", message });
          focusLater("outcome");
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(base.version, base.status);
  };

  const retryOnCurrent = () => {
    if (!conflict) return;
    const current = conflict.current;
    setBase({ status: current.record.status, version: current.version });
    setConflict(null);
    submit(current.version, current.record.status);
  };

  const set = <K extends keyof RecordFormValues>(field: K, value: RecordFormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));

  const describedBy = (field: RecordFormField, hint?: string) =>
    [hint, fieldIssues(field).length > 0 ? `${fieldId(field)}-error` : undefined].filter(Boolean).join(" ") || undefined;

  const errorText = (field: RecordFormField) =>
    fieldIssues(field).length > 0 ? (
      <p className="field__error" id={`${fieldId(field)}-error`}>
        {fieldIssues(field).map(issueText).join(" ")}
      </p>
    ) : null;

  const textInput = (field: "effectiveDate" | "councilResolutionDate" | "documentUrl" | "horizonYear", type: string) => (
    <div className={`field${fieldIssues(field).length > 0 ? " field--invalid" : ""}`}>
      <label htmlFor={fieldId(field)}>{labels[field]}</label>
      {errorText(field)}
      <input
        id={fieldId(field)}
        name={field}
        type={type}
        inputMode={field === "horizonYear" ? "numeric" : undefined}
        value={values[field]}
        aria-invalid={fieldIssues(field).length > 0 ? true : undefined}
        aria-describedby={describedBy(field)}
        onChange={(event) => set(field, event.target.value)}
      />
    </div>
  );

  // Statuses offered build on the status the user is looking at (the server checks the transition again).
  const statuses = selectableStatuses(base.status, user.role);

  return (
    <section className="record-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("record.formHeading")}</h2>
      <p className="hint">{t("record.formIntro", { version: base.version })}</p>

      <div aria-live="polite">
        {outcome ? (
          <p
            ref={outcomeRef}
            tabIndex={-1}
            className={`notice ${outcome.kind === "saved" ? "notice--success" : "notice--error"}`}
            role={outcome.kind === "error" ? "alert" : "status"}
          >
            {outcome.kind === "saved" ? t("record.saved", { version: outcome.version }) : outcome.message}
          </p>
        ) : null}
      </div>

      {conflict ? (
        <div className="notice notice--warning conflict" role="alert" tabIndex={-1} ref={conflictRef}>
          <p>
            <strong>{t("record.conflictTitle")}</strong>
          </p>
          <p>
            {t("record.conflictText", {
              seenVersion: conflict.seen.version,
              seenStatus: t(`status.${conflict.seen.status}`),
              currentVersion: conflict.current.version,
              currentStatus: t(`status.${conflict.current.record.status}`),
            })}
          </p>
          <button type="button" className="button" onClick={retryOnCurrent} disabled={createEvent.isPending}>
            {t("record.conflictRetry", { version: conflict.current.version })}
          </button>
        </div>
      ) : null}

      {issues.length > 0 ? (
        <ErrorSummary
          ref={summaryRef}
          title={t("record.errorSummary")}
          items={issues.map((issue) =>
            issue.field
              ? { fieldId: fieldId(issue.field), label: labels[issue.field], message: issueText(issue) }
              : { message: issueText(issue) },
          )}
        />
      ) : null}

      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={createEvent.isPending}>
        <div className={`field${fieldIssues("status").length > 0 ? " field--invalid" : ""}`}>
          <label htmlFor={fieldId("status")}>{labels.status}</label>
          {errorText("status")}
          <select
            id={fieldId("status")}
            name="status"
            value={values.status}
            required
            aria-invalid={fieldIssues("status").length > 0 ? true : undefined}
            aria-describedby={describedBy("status")}
            onChange={(event) => set("status", event.target.value)}
          >
            <option value="">{t("record.chooseStatus")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${fieldIssues("conceptKind").length > 0 ? " field--invalid" : ""}`}>
          <label htmlFor={fieldId("conceptKind")}>{labels.conceptKind}</label>
          {errorText("conceptKind")}
          <select
            id={fieldId("conceptKind")}
            name="conceptKind"
            value={values.conceptKind}
            aria-invalid={fieldIssues("conceptKind").length > 0 ? true : undefined}
            aria-describedby={describedBy("conceptKind")}
            onChange={(event) => set("conceptKind", event.target.value)}
          >
            <option value="">{t("common.notAvailable")}</option>
            {CONCEPT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
        {textInput("effectiveDate", "date")}
        {textInput("councilResolutionDate", "date")}
        {textInput("documentUrl", "url")}
        {textInput("horizonYear", "text")}
        <div className={`field${fieldIssues("note").length > 0 ? " field--invalid" : ""}`}>
          <label htmlFor={fieldId("note")}>{labels.note}</label>
          {errorText("note")}
          <textarea
            id={fieldId("note")}
            name="note"
            rows={3}
            maxLength={4000}
            value={values.note}
            aria-invalid={fieldIssues("note").length > 0 ? true : undefined}
            aria-describedby={describedBy("note")}
            onChange={(event) => set("note", event.target.value)}
          />
        </div>
        {internalNoteAllowed ? (
          <div className="field field--checkbox">
            <input
              id={fieldId("noteInternal")}
              name="noteInternal"
              type="checkbox"
              checked={values.noteInternal}
              onChange={(event) => set("noteInternal", event.target.checked)}
            />
            <label htmlFor={fieldId("noteInternal")}>{labels.noteInternal}</label>
          </div>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={createEvent.isPending}>
            {createEvent.isPending ? t("record.submitting") : t("record.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
