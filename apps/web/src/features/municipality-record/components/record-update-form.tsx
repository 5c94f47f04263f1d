import {
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
  RECORD_FORM_FIELDS,
  type RecordFormField,
  type RecordFormValues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  validateRecordForm,
} from "../../../components/status-event/status-event-form";
import { ErrorSummary } from "../../../components/error-summary";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { StatusEventFields } from "../../../components/status-event/status-event-fields";

interface Conflict {
  seen: { status: Status; version: number };
  current: MunicipalityDetail;
}

type Outcome = { kind: "saved"; version: number } | { kind: "error"; message: string } | null;

type FocusTarget = "conflict" | "outcome";

/** The update form for writers; validates with the shared contract and builds on the version it loaded. */
export function RecordUpdateForm({ municipality, user }: { municipality: MunicipalityDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const id = useId();
  const createEvent = useCreateEvent();
  const [values, setValues] = useState<RecordFormValues>(() => initialFormValues(municipality.record));
  // What the user saw when they started: the base of If-Match and of the conflict message.
  const [base, setBase] = useState({ status: municipality.record.status, version: municipality.version });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // After each submit, focus moves to what answers it (error summary, conflict, or result), once rendered;
  // the form kit focuses the error summary itself.
  const [focusTarget, setFocusTarget] = useState<{ target: FocusTarget } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const refs = { conflict: conflictRef, outcome: outcomeRef };
    refs[focusTarget.target].current?.focus();
  }, [focusTarget]);
  const focusLater = (target: FocusTarget) => setFocusTarget({ target });

  const internalNoteAllowed = user.role === "smr" || user.role === "advisor";
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
  const form = useFormErrors(RECORD_FORM_FIELDS, (field) => labels[field]);
  const showIssues = (issues: FieldIssue[]) =>
    form.show(placedIssuesToForm(issues.map((issue) => ({ field: issue.field, message: issue.kind ? t(`record.issue.${issue.kind}`) : issue.message }))));

  const submit = (version: number, status: Status) => {
    const checked = validateRecordForm(values, { internalNoteAllowed });
    setOutcome(null);
    if (checked.issues) {
      showIssues(checked.issues);
      return;
    }
    form.clear();
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
            showIssues(serverIssues(error.issues));
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

      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("record.errorSummary")} items={form.summaryItems} /> : null}

      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={createEvent.isPending}>
        <StatusEventFields
          values={values}
          onChange={set}
          fieldId={form.fieldId}
          error={form.error}
          labels={labels}
          statuses={statuses}
          chooseStatus={t("record.chooseStatus")}
          internalNoteAllowed={internalNoteAllowed}
        />
        <div>
          <button type="submit" className="button" disabled={createEvent.isPending}>
            {createEvent.isPending ? t("record.submitting") : t("record.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
