import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../../../components/error-summary";
import { Field } from "../../../components/form/field";
import { ApiError } from "../../../lib/api-client";
import { useUploadImage } from "../api";
import { errorText } from "../practice-errors";

/** Adds an image: the file, a required alternative text, and a preview of the chosen file with that text. */
export function ImageUploadForm({ practiceId }: { practiceId: number }) {
  const { t } = useTranslation("practices");
  const id = useId();
  const upload = useUploadImage();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [errors, setErrors] = useState<{ file?: string; alt?: string }>({});
  const [saved, setSaved] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    // A data: URL, as the Content-Security-Policy allows images from the site and data: only (no blob:).
    const reader = new FileReader();
    let current = true;
    reader.onload = () => {
      if (current && typeof reader.result === "string") setPreview(reader.result);
    };
    reader.readAsDataURL(file);
    return () => {
      current = false;
      reader.abort();
    };
  }, [file]);
  const [focusSummary, setFocusSummary] = useState(0);
  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  const fileId = `${id}-file`;
  const altId = `${id}-alt`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const next: { file?: string; alt?: string } = {};
    if (!file) next.file = t("images.fileRequired");
    if (alt.trim() === "") next.alt = t("images.altRequired");
    setErrors(next);
    if (!file || next.alt) {
      setFocusSummary((count) => count + 1);
      return;
    }
    upload.mutate(
      { id: practiceId, file, alt: alt.trim() },
      {
        onSuccess: () => {
          setFile(null);
          setAlt("");
          setInputKey((key) => key + 1);
          setSaved(true);
        },
        onError: (error) => {
          const text = errorText(t, error instanceof ApiError ? error.code : null, t("common.failed", { message: error.message }));
          setErrors({ file: text });
          setFocusSummary((count) => count + 1);
        },
      },
    );
  };
  const items = [
    ...(errors.file ? [{ fieldId: fileId, label: t("images.file"), message: errors.file }] : []),
    ...(errors.alt ? [{ fieldId: altId, label: t("images.alt"), message: errors.alt }] : []),
  ];

  return (
    <section className="practice-image-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("images.heading")}</h2>
      <p className="hint">{t("images.intro")}</p>
      {saved ? (
        <p className="notice notice--success" role="status">
          {t("images.saved")}
        </p>
      ) : null}
      {items.length > 0 ? <ErrorSummary ref={summaryRef} title={t("form.errorSummary")} items={items} /> : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={upload.isPending}>
        <div className={errors.file ? "field field--invalid" : "field"}>
          <label htmlFor={fileId}>{t("images.file")} *</label>
          {errors.file ? (
            <p className="field__error" id={`${fileId}-error`}>
              {errors.file}
            </p>
          ) : null}
          <input
            key={inputKey}
            id={fileId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={errors.file ? `${fileId}-error` : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <Field id={altId} label={`${t("images.alt")} *`} hint={t("images.altHint")} error={errors.alt} maxLength={300} value={alt} onChange={(event) => setAlt(event.target.value)} />
        {preview ? (
          <figure className="practice-image-form__preview">
            <img src={preview} alt={alt.trim()} />
            <figcaption>
              {t("images.preview")}: {alt.trim() === "" ? "–" : alt.trim()}
            </figcaption>
          </figure>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={upload.isPending}>
            {upload.isPending ? t("images.uploading") : t("images.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
