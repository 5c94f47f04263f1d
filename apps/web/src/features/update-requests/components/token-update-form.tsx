import { type UpdateRequestForm, todayInSaxony, tokenEventInputSchema } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { StatusEventFields } from "../../../components/status-event/status-event-fields";
import { ApiError } from "../../../lib/api-client";
import { RecordCard } from "../../../components/record-card";
import {
  type FieldIssue,
  RECORD_FORM_FIELDS,
  type RecordFormField,
  type RecordFormValues,
  dateRuleIssues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  toEventInput,
  withStatus,
} from "../../../components/status-event/status-event-form";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { useAnswerTokenForm } from "../api";
import "../update-requests.css";

type TokenField = Exclude<RecordFormField, "noteInternal">;

/** Issue paths of the answer (`body.event.status` or `status`) onto the record form's fields. */
function mapIssues(issues: readonly { path: string; code: string; message: string }[], values: RecordFormValues): FieldIssue[] {
  return serverIssues(issues.map((issue) => ({ ...issue, path: issue.path.replace(/^(body\.)?(event\.)?/, "body.") }))).map((issue) =>
    issue.field === "status" && values.status === "" ? { ...issue, kind: "required" } : issue,
  );
}

export type TokenOutcome = "recorded" | "pending_review" | "gone";

/**
 * The public answer form behind a single-use link: the current record shown (the change form starts empty), "Unverändert bestätigen"
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
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const [failureFocus, setFailureFocus] = useState(0);
  useEffect(() => {
    if (failureFocus > 0) failureRef.current?.focus();
  }, [failureFocus]);

  const labels: Record<TokenField, string> = {
    status: t("token.status"),
    conceptKind: t("token.conceptKind"),
    effectiveDate: t("token.effectiveDate"),
    councilResolutionDate: t("token.councilResolutionDate"),
    documentUrl: t("token.documentUrl"),
    horizonYear: t("token.horizonYear"),
    note: t("token.note"),
  };
  // No internal notes here: issues about one are placed on no field (below), so it needs no label.
  const kit = useFormErrors(RECORD_FORM_FIELDS, (field) => (field === "noteInternal" ? "" : labels[field]));
  const showIssues = (issues: FieldIssue[]) =>
    kit.show(
      placedIssuesToForm(
        issues.map((issue) => ({
          field: issue.field === "noteInternal" ? null : issue.field,
          message: issue.kind ? tr(`record.issue.${issue.kind}`) : issue.message,
        })),
      ),
    );
  const set = <K extends RecordFormField>(field: K, value: RecordFormValues[K]) =>
    setValues((previous) => (field === "status" ? withStatus(previous, value as string, form.record) : { ...previous, [field]: value }));

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.statusCode === 410) {
      onOutcome("gone");
      return;
    }
    if (error instanceof ApiError && error.issues.length > 0) {
      showIssues(mapIssues(error.issues, values));
      return;
    }
    setFailure(t("common.failed", { message: error.message }));
    setFailureFocus((count) => count + 1);
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
    const shapeIssues = parsed.success
      ? []
      : mapIssues(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), code: issue.code, message: issue.message })), values);
    // The contracts' date rules, checked before sending (a field with a broken shape is named once, for that).
    const shaped = new Set(shapeIssues.map((issue) => issue.field));
    const issues = [...shapeIssues, ...dateRuleIssues(values, todayInSaxony()).filter((issue) => !shaped.has(issue.field))];
    if (!parsed.success || issues.length > 0) {
      showIssues(issues);
      return;
    }
    kit.clear();
    answer.mutate({ action: "change", event: parsed.data }, { onSuccess: (result) => onOutcome(result.outcome), onError });
  };

  const statuses = selectableStatuses(form.record.status, "municipality");
  const reviewed = form.reviewedStatuses.map((status) => tr(`status.${status}` as "status.none")).join("“, „");

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
        {kit.hasErrors ? <ErrorSummary ref={kit.summaryRef} title={t("common.errorSummary")} items={kit.summaryItems} /> : null}
        <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={answer.isPending}>
          <StatusEventFields
            values={values}
            onChange={set}
            fieldId={kit.fieldId}
            error={kit.error}
            labels={labels}
            statuses={statuses}
            chooseStatus={t("token.chooseStatus")}
            internalNoteAllowed={false}
          />
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

