import { type ConceptDetail, resolutionInputSchema, todayInSaxony } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { DateField, Field, SelectField } from "../../../components/form/field";
import { fieldOfIssue, placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { useCreateResolution } from "../api";
import { errorText } from "../concept-errors";

const FIELDS = ["ags", "date", "decisionNumber", "body", "documentId"] as const;
type ResolutionField = (typeof FIELDS)[number];

const CODE_FIELDS: Record<string, ResolutionField> = {
  RESOLUTION_NOT_MEMBER: "ags",
  RESOLUTION_DATE_IN_FUTURE: "date",
  RESOLUTION_DOCUMENT_NOT_FOUND: "documentId",
  // The member's status event is checked like any other (e.g. already adopted on that date).
  INVALID_TRANSITION: "ags",
};

/**
 * Records one member council's resolution adopting the concept; the server writes the member's status event
 * (council_adopted with the concept) in the same transaction. `members` are the ones this account may record for.
 */
export function ResolutionForm({ concept, members }: { concept: ConceptDetail; members: readonly { ags: string; name: string }[] }) {
  const { t } = useTranslation("concepts");
  const id = useId();
  const create = useCreateResolution();
  // Members not yet adopted first: the usual next entry.
  const ordered = [...members].sort((a, b) => {
    const adopted = (ags: string) => (concept.members.find((member) => member.ags === ags)?.adopted ? 1 : 0);
    return adopted(a.ags) - adopted(b.ags);
  });
  const empty = { ags: "", date: "", decisionNumber: "", body: "", documentId: "" };
  const [values, setValues] = useState(empty);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [outcomeFocus, setOutcomeFocus] = useState(0);
  useEffect(() => {
    if (outcomeFocus > 0) outcomeRef.current?.focus();
  }, [outcomeFocus]);

  const labels: Record<ResolutionField, string> = {
    ags: t("resolution.member"),
    date: t("resolution.date"),
    decisionNumber: t("resolution.decisionNumber"),
    body: t("resolution.body"),
    documentId: t("resolution.document"),
  };
  const form = useFormErrors(FIELDS, (field) => labels[field]);
  const set = (field: ResolutionField, value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const issues: { field: ResolutionField | null; message: string }[] = [];
    if (values.ags === "") issues.push({ field: "ags", message: t("form.required") });
    if (values.date === "") issues.push({ field: "date", message: t("form.required") });
    else if (values.date > todayInSaxony()) issues.push({ field: "date", message: t("error.RESOLUTION_DATE_IN_FUTURE") });
    const parsed = resolutionInputSchema.safeParse({
      ags: values.ags,
      date: values.date,
      decisionNumber: values.decisionNumber.trim() || null,
      body: values.body.trim() || null,
      documentId: values.documentId === "" ? null : Number(values.documentId),
    });
    if (issues.length === 0 && !parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ field: fieldOfIssue(issue.path, FIELDS), message: t("form.invalid") });
    }
    if (issues.length > 0 || !parsed.success) {
      form.show(placedIssuesToForm(issues));
      return;
    }
    form.clear();
    create.mutate(
      { id: concept.id, input: parsed.data },
      {
        onSuccess: (created) => {
          setValues(empty);
          setOutcome({ ok: true, text: t("resolution.saved", { name: created.resolution.name }) });
          setOutcomeFocus((count) => count + 1);
        },
        onError: (error) => {
          if (error instanceof ApiError && (error.statusCode === 422 || error.statusCode === 400)) {
            const placed =
              error.issues.length > 0
                ? error.issues.map((issue) => ({
                    field: fieldOfIssue(issue.path, FIELDS) ?? CODE_FIELDS[issue.code] ?? CODE_FIELDS[error.code] ?? null,
                    message: errorText(t, CODE_FIELDS[issue.code] ? issue.code : error.code, issue.message),
                  }))
                : [{ field: CODE_FIELDS[error.code] ?? null, message: errorText(t, error.code, error.message) }];
            form.show(placedIssuesToForm(placed));
            return;
          }
          setOutcome({
            ok: false,
            text: error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message }),
          });
          setOutcomeFocus((count) => count + 1);
        },
      },
    );
  };

  return (
    <section className="concept-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("resolution.heading")}</h2>
      <p className="hint">{concept.scope === "area" ? null : t("resolution.intro")}</p>
      <div aria-live="polite">
        {outcome ? (
          <p ref={outcomeRef} tabIndex={-1} className={`notice ${outcome.ok ? "notice--success" : "notice--error"}`} role={outcome.ok ? "status" : "alert"}>
            {outcome.text}
          </p>
        ) : null}
      </div>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("resolution.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={create.isPending}>
        <SelectField {...form.field("ags")} label={labels.ags} value={values.ags} onChange={(event) => set("ags", event.target.value)}>
          <option value="">{t("resolution.chooseMember")}</option>
          {ordered.map((member) => {
            const adopted = concept.members.find((candidate) => candidate.ags === member.ags)?.adopted ?? false;
            return (
              <option key={member.ags} value={member.ags}>
                {member.name} ({adopted ? t("common.adopted") : t("common.notAdopted")})
              </option>
            );
          })}
        </SelectField>
        <DateField {...form.field("date")} label={labels.date} max={todayInSaxony()} value={values.date} onChange={(value) => set("date", value)} />
        <Field {...form.field("decisionNumber")} label={labels.decisionNumber} maxLength={100} value={values.decisionNumber} onChange={(event) => set("decisionNumber", event.target.value)} />
        <Field {...form.field("body")} label={labels.body} hint={t("resolution.bodyHint")} maxLength={200} value={values.body} onChange={(event) => set("body", event.target.value)} />
        {concept.documents.length > 0 ? (
          <SelectField {...form.field("documentId")} label={labels.documentId} value={values.documentId} onChange={(event) => set("documentId", event.target.value)}>
            <option value="">{t("resolution.chooseDocument")}</option>
            {concept.documents.map((document) => (
              <option key={document.id} value={String(document.id)}>
                {document.title ?? document.fileName ?? document.url ?? `#${document.id}`} ({t(`documentKind.${document.kind}`)})
              </option>
            ))}
          </SelectField>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("resolution.submitting") : t("resolution.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
