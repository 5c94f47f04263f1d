import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, type DocumentKind } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { Field, SelectField } from "../../../components/form/field";
import { fieldOfIssue, placedIssuesToForm } from "../../../components/form/form-issues";
import { useFormErrors } from "../../../components/form/use-form-errors";
import { ApiError } from "../../../lib/api-client";
import { useAddDocumentLink, useUploadDocument } from "../api";
import { errorText } from "../concept-errors";

const FIELDS = ["file", "url", "title", "kind"] as const;
type UploadField = (typeof FIELDS)[number];

const FILE_CODES = new Set(["DOCUMENT_NOT_PDF", "DOCUMENT_TOO_LARGE", "DOCUMENT_FILE_REQUIRED"]);

/**
 * Adds a document to the concept: an uploaded PDF (multipart, field `file`; the server checks its bytes, not its
 * name) or a link to where it is published (JSON `url`).
 */
export function DocumentUploadForm({ conceptId }: { conceptId: number }) {
  const { t } = useTranslation("concepts");
  const id = useId();
  const upload = useUploadDocument();
  const addLink = useAddDocumentLink();
  const pending = upload.isPending || addLink.isPending;
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an upload.
  const [inputKey, setInputKey] = useState(0);
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<DocumentKind>("concept");
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [outcomeFocus, setOutcomeFocus] = useState(0);
  useEffect(() => {
    if (outcomeFocus > 0) outcomeRef.current?.focus();
  }, [outcomeFocus]);

  const labels: Record<UploadField, string> = { file: t("upload.file"), url: t("upload.url"), title: t("upload.title"), kind: t("upload.kind") };
  const form = useFormErrors(FIELDS, (field) => labels[field]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const link = url.trim();
    if (!file && !link) {
      form.showFields({ file: t("error.DOCUMENT_FILE_REQUIRED") });
      return;
    }
    if (file && link) {
      form.showFields({ url: t("error.DOCUMENT_FILE_AND_LINK") });
      return;
    }
    // The server checks the bytes; the size is checked here too, so a large file is not sent in vain.
    if (file && file.size > DOCUMENT_MAX_BYTES) {
      form.showFields({ file: t("error.DOCUMENT_TOO_LARGE") });
      return;
    }
    form.clear();
    const callbacks = {
        onSuccess: (document: { title: string | null; fileName: string | null; url: string | null }) => {
          setTitle("");
          setUrl("");
          setFile(null);
          setInputKey((key) => key + 1);
          setOutcome({ ok: true, text: t("upload.saved", { name: document.title ?? document.fileName ?? document.url ?? file?.name ?? "" }) });
          setOutcomeFocus((count) => count + 1);
        },
        onError: (error: Error) => {
          if (error instanceof ApiError && (error.statusCode === 422 || error.statusCode === 400 || error.statusCode === 413)) {
            const placed =
              error.issues.length > 0
                ? error.issues.map((issue) => ({
                    field: fieldOfIssue(issue.path, FIELDS) ?? (FILE_CODES.has(issue.code) || FILE_CODES.has(error.code) ? ("file" as const) : null),
                    message: errorText(t, FILE_CODES.has(issue.code) ? issue.code : error.code, issue.message),
                  }))
                : [
                    {
                      field: FILE_CODES.has(error.code) || error.statusCode === 413 ? ("file" as const) : null,
                      message: error.statusCode === 413 ? t("error.DOCUMENT_TOO_LARGE") : errorText(t, error.code, error.message),
                    },
                  ];
            form.show(placedIssuesToForm(placed));
            return;
          }
          setOutcome({
            ok: false,
            text: error instanceof ApiError && error.statusCode === 403 ? t("common.forbidden") : t("common.failed", { message: error.message }),
          });
          setOutcomeFocus((count) => count + 1);
        },
    };
    if (file) upload.mutate({ id: conceptId, file, title: title.trim() || undefined, kind }, callbacks);
    else addLink.mutate({ id: conceptId, url: link, title: title.trim() || undefined, kind }, callbacks);
  };

  return (
    <section className="concept-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("upload.heading")}</h2>
      <p className="hint">{t("upload.intro")}</p>
      <div aria-live="polite">
        {outcome ? (
          <p ref={outcomeRef} tabIndex={-1} className={`notice ${outcome.ok ? "notice--success" : "notice--error"}`} role={outcome.ok ? "status" : "alert"}>
            {outcome.text}
          </p>
        ) : null}
      </div>
      {form.hasErrors ? <ErrorSummary ref={form.summaryRef} title={t("upload.errorSummary")} items={form.summaryItems} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Field {...form.field("file")} label={labels.file} type="file" accept="application/pdf,.pdf" key={inputKey} onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <Field {...form.field("url")} label={labels.url} hint={t("upload.urlHint")} type="url" inputMode="url" maxLength={2000} value={url} onChange={(event) => setUrl(event.target.value)} />
        <Field {...form.field("title")} label={labels.title} maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} />
        <SelectField {...form.field("kind")} label={labels.kind} value={kind} onChange={(event) => setKind(event.target.value as DocumentKind)}>
          {DOCUMENT_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`documentKind.${option}`)}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("upload.submitting") : t("upload.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
