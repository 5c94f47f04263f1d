import { CONCEPT_KINDS, type UpdateRequestForm, tokenEventInputSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { ApiError } from "../../../lib/api-client";
import { RecordCard } from "../../../components/record-card";
import {
  type FieldIssue,
  type RecordFormField,
  type RecordFormValues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  toEventInput,
} from "../../../components/status-event/status-event-form";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { useAnswerTokenForm } from "../api";

type TokenField = Exclude<RecordFormField, "noteInternal">;

/** Issue paths of the answer (`body.event.status` or `status`) onto the record form's fields. */
function mapIssues(issues: readonly { path: string; code: string; message: string }[], values: RecordFormValues): FieldIssue[] {
  return serverIssues(issues.map((issue) => ({ ...issue, path: issue.path.replace(/^(body\.)?(event\.)?/, "body.") }))).map((issue) =>
    issue.field === "status" && values.status === "" ? { ...issue, kind: "required" } : issue,
  );
}

export type TokenOutcome = "recorded" | "pending_review" | "gone";

/**
 * The public answer form behind a single-use link: the current record pre-filled, "Unverändert bestätigen"
 * in one click, or a change validated with tokenEventInputSchema. A 410 on submit means the link was used
 * (or expired) meanwhile.
 */
export function TokenUpdateForm({ token, form, onOutcome }: { token: string; form: UpdateRequestForm; onOutcome: (outcome: TokenOutcome) => void }) {
  const { t } = useTranslation("advisory");
  const { t: tr } = useTranslation();
  const locale = useFormatLocale();
  const id = useId();
  const answer = useAnswerTokenForm(token);
  const [values, setValues] = useState<RecordFormValues>(() => initialFormValues(form.record));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const [focus, setFocus] = useState<{ target: "summary" | "failure" } | null>(null);
  useEffect(() => {
    if (focus) (focus.target === "summary" ? summaryRef : failureRef).current?.focus();
  }, [focus]);

  const labels: Record<TokenField, string> = {
    status: t("token.status"),
    conceptKind: t("token.conceptKind"),
    effectiveDate: t("token.effectiveDate"),
    councilResolutionDate: t("token.councilResolutionDate"),
    documentUrl: t("token.documentUrl"),
    horizonYear: t("token.horizonYear"),
    note: t("token.note"),
  };
  const fieldId = (field: TokenField) => `${id}-${field}`;
  const issueText = (issue: FieldIssue) => (issue.kind ? tr(`record.issue.${issue.kind}`) : issue.message);
  const issuesOf = (field: TokenField) => issues.filter((issue) => issue.field === field);
  const invalid = (field: TokenField) => issuesOf(field).length > 0;
  const errorId = (field: TokenField) => (invalid(field) ? `${fieldId(field)}-error` : undefined);
  const errorText = (field: TokenField) =>
    invalid(field) ? (
      <p className="field__error" id={`${fieldId(field)}-error`}>
        {issuesOf(field).map(issueText).join(" ")}
      </p>
    ) : null;
  const fieldClass = (field: TokenField) => `field${invalid(field) ? " field--invalid" : ""}`;
  const set = (field: TokenField, value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 410) {
      onOutcome("gone");
      return;
    }
    if (error instanceof ApiError && error.issues.length > 0) {
      setIssues(mapIssues(error.issues, values));
      setFocus({ target: "summary" });
      return;
    }
    setFailure(t("common.failed", { message: error.message }));
    setFocus({ target: "failure" });
  };

  const confirm = () => {
    setFailure(null);
    answer.mutate({ action: "confirm" }, { onSuccess: (result) => onOutcome(result.outcome), onError });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const input = toEventInput(values, { internalNoteAllowed: false });
    const parsed = tokenEventInputSchema.safeParse(input);
    if (!parsed.success) {
      setIssues(mapIssues(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), code: issue.code, message: issue.message })), values));
      setFocus({ target: "summary" });
      return;
    }
    setIssues([]);
    answer.mutate({ action: "change", event: parsed.data }, { onSuccess: (result) => onOutcome(result.outcome), onError });
  };

  const statuses = selectableStatuses(form.record.status, "municipality");
  const reviewed = form.reviewedStatuses.map((status) => tr(`status.${status}` as "status.none")).join("“, „");

  const textInput = (field: "effectiveDate" | "councilResolutionDate" | "documentUrl" | "horizonYear", type: string) => (
    <div className={fieldClass(field)}>
      <label htmlFor={fieldId(field)}>{labels[field]}</label>
      {errorText(field)}
      <input
        id={fieldId(field)}
        name={field}
        type={type}
        inputMode={field === "horizonYear" ? "numeric" : undefined}
        value={values[field]}
        aria-invalid={invalid(field) || undefined}
        aria-describedby={errorId(field)}
        onChange={(event) => set(field, event.target.value)}
      />
    </div>
  );

  return (
    <>
      <p className="lead">{t("token.intro", { name: form.municipality.name, district: form.municipality.districtName })}</p>
      <p>{t("token.validUntil", { date: formatTimestamp(form.expiresAt, locale) })}</p>
      <RecordCard record={form.record} />
      {failure ? (
        <p className="notice notice--error" role="alert" tabIndex={-1} ref={failureRef}>
          {failure}
        </p>
      ) : null}
      <section className="record-confirm" aria-labelledby={`${id}-confirm`}>
        <h2 id={`${id}-confirm`}>{t("token.confirmHeading")}</h2>
        <p>{t("token.confirmText")}</p>
        <button type="button" className="button" disabled={answer.isPending} onClick={confirm}>
          {t("token.confirm")}
        </button>
      </section>
      <section className="record-form" aria-labelledby={`${id}-change`}>
        <h2 id={`${id}-change`}>{t("token.changeHeading")}</h2>
        <p className="hint">{t("token.changeIntro")}</p>
        {form.reviewedStatuses.length > 0 ? <p className="hint">{t("token.reviewHint", { statuses: reviewed })}</p> : null}
        {issues.length > 0 ? (
          <ErrorSummary
            ref={summaryRef}
            title={t("common.errorSummary")}
            items={issues.map((issue) =>
              issue.field && issue.field !== "noteInternal"
                ? { fieldId: fieldId(issue.field), label: labels[issue.field], message: issueText(issue) }
                : { message: issueText(issue) },
            )}
          />
        ) : null}
        <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={answer.isPending}>
          <div className={fieldClass("status")}>
            <label htmlFor={fieldId("status")}>{labels.status}</label>
            {errorText("status")}
            <select
              id={fieldId("status")}
              name="status"
              required
              value={values.status}
              aria-invalid={invalid("status") || undefined}
              aria-describedby={errorId("status")}
              onChange={(event) => set("status", event.target.value)}
            >
              <option value="">{t("token.chooseStatus")}</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {tr(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={fieldClass("conceptKind")}>
            <label htmlFor={fieldId("conceptKind")}>{labels.conceptKind}</label>
            {errorText("conceptKind")}
            <select
              id={fieldId("conceptKind")}
              name="conceptKind"
              value={values.conceptKind}
              aria-invalid={invalid("conceptKind") || undefined}
              aria-describedby={errorId("conceptKind")}
              onChange={(event) => set("conceptKind", event.target.value)}
            >
              <option value="">{tr("common.notAvailable")}</option>
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
          <div className={fieldClass("note")}>
            <label htmlFor={fieldId("note")}>{labels.note}</label>
            {errorText("note")}
            <textarea
              id={fieldId("note")}
              name="note"
              rows={3}
              maxLength={4000}
              value={values.note}
              aria-invalid={invalid("note") || undefined}
              aria-describedby={errorId("note")}
              onChange={(event) => set("note", event.target.value)}
            />
          </div>
          <div>
            <button type="submit" className="button" disabled={answer.isPending}>
              {answer.isPending ? t("token.sending") : t("token.submitChange")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

