import {
  ERROR_CODES,
  type MunicipalityDetail,
  type SessionUser,
  type Status,
  type StatusEvent,
  preconditionFailedSchema,
} from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useCreateEvent } from "../api/create-event";
import { useMunicipalityEvents } from "../api/get-events";
import { useFormatters } from "../../../lib/use-formatters";
import {
  type FieldIssue,
  RECORD_FORM_FIELDS,
  type RecordFormField,
  type RecordFormValues,
  correctionTarget,
  correctionValues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  validateRecordForm,
  withStatus,
} from "../../../components/status-event/status-event-form";
import { ErrorSummary } from "../../../components/error-summary";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { StatusEventFields } from "../../../components/status-event/status-event-fields";

interface Conflict {
  seen: { status: Status; version: number };
  current: MunicipalityDetail;
}

type Outcome = { kind: "saved" | "corrected"; version: number } | { kind: "error"; message: string } | null;

type FocusTarget = "conflict" | "outcome" | "correction";

/** The record version a change builds on (If-Match) and its status: what the user saw, or their own last write. */
export interface RecordBase {
  status: Status;
  version: number;
}

/**
 * The update form for writers; validates with the shared contract and builds on `base` (see RecordWrites),
 * which each own write moves on through `onWritten`. "Correct the last entry" fills the form with that entry
 * and sends the change as its correction (`supersedes`).
 */
export function RecordUpdateForm({
  municipality,
  user,
  base,
  onWritten,
}: {
  municipality: MunicipalityDetail;
  user: SessionUser;
  base: RecordBase;
  onWritten: (base: RecordBase) => void;
}) {
  const { t } = useTranslation();
  const { t: tf } = useTranslation("forms");
  const format = useFormatters();
  const id = useId();
  const createEvent = useCreateEvent();
  const events = useMunicipalityEvents(municipality.ags);
  const [values, setValues] = useState<RecordFormValues>(() => initialFormValues(municipality.record));
  const [correcting, setCorrecting] = useState<{ event: StatusEvent; before: Status | "initial" } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const correctionRef = useRef<HTMLDivElement>(null);
  // After each submit, focus moves to what answers it (error summary, conflict, or result), once rendered;
  // the form kit focuses the error summary itself.
  const [focusTarget, setFocusTarget] = useState<{ target: FocusTarget } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const refs = { conflict: conflictRef, outcome: outcomeRef, correction: correctionRef };
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
    const checked = validateRecordForm(values, { internalNoteAllowed, supersedes: correcting?.event.id });
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
          onWritten({ status: created.event.status ?? status, version: created.version });
          // The next change starts from what was just recorded: the status chosen anew, its fields empty.
          setValues(initialFormValues({ conceptKind: created.event.conceptKind }));
          setOutcome({ kind: correcting ? "corrected" : "saved", version: created.version });
          setCorrecting(null);
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
    onWritten({ status: current.record.status, version: current.version });
    setConflict(null);
    submit(current.version, current.record.status);
  };

  const set = <K extends keyof RecordFormValues>(field: K, value: RecordFormValues[K]) =>
    setValues((previous) =>
      field === "status" && !correcting ? withStatus(previous, value as string, municipality.record) : { ...previous, [field]: value },
    );

  const target = events.data ? correctionTarget(events.data, user.role) : null;
  const startCorrection = () => {
    if (!target) return;
    setCorrecting(target);
    setValues(correctionValues(target.event));
    setOutcome(null);
    form.clear();
    focusLater("correction");
  };
  const cancelCorrection = () => {
    setCorrecting(null);
    setValues(initialFormValues(municipality.record));
    form.clear();
  };

  // Statuses offered build on the status the user is looking at, or, for a correction, on the status before
  // the corrected entry (so its own status can be chosen again); the server checks the transition again.
  const statuses = selectableStatuses(correcting ? correcting.before : base.status, user.role);

  return (
    <section className="record-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("record.formHeading")}</h2>
      <p className="hint">{t("record.formIntro", { version: base.version })}</p>

      <div aria-live="polite">
        {outcome ? (
          <p
            ref={outcomeRef}
            tabIndex={-1}
            className={`notice ${outcome.kind === "error" ? "notice--error" : "notice--success"}`}
            role={outcome.kind === "error" ? "alert" : "status"}
          >
            {outcome.kind === "error"
              ? outcome.message
              : outcome.kind === "corrected"
                ? tf("correction.saved", { version: outcome.version })
                : t("record.saved", { version: outcome.version })}
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

      {correcting ? (
        <div className="notice notice--info record-correction" tabIndex={-1} ref={correctionRef}>
          <p>
            {tf("correction.notice", {
              status: correcting.event.status ? t(`status.${correcting.event.status}`) : "–",
              date: format.date(correcting.event.effectiveDate),
            })}
          </p>
          <button type="button" className="button button--secondary" onClick={cancelCorrection}>
            {tf("correction.cancel")}
          </button>
        </div>
      ) : target ? (
        <p className="record-correction-offer">
          {tf("correction.offer")}{" "}
          <button type="button" className="button button--secondary" onClick={startCorrection}>
            {tf("correction.start")}
          </button>
        </p>
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
            {createEvent.isPending ? t("record.submitting") : correcting ? tf("correction.submit") : t("record.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
