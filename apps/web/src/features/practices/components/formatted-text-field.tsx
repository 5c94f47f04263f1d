import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type TextSelection, insertLink, insertParagraph, parseFormattedText, toggleList } from "../formatted-text";
import { FormattedText } from "./formatted-text";

/**
 * The description's editor: a textarea with a small toolbar (paragraph, lists, link) that writes the text's
 * conventions (see formatted-text.ts), and a preview. A plain textarea stays usable with every screen reader
 * and keyboard; the toolbar is a shortcut, never the only way.
 */
export function FormattedTextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation("practices");
  const own = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("https://");
  const [linkError, setLinkError] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const saved = useRef<TextSelection | null>(null);

  const selection = (): TextSelection => {
    const element = area.current;
    return { value, start: element?.selectionStart ?? value.length, end: element?.selectionEnd ?? value.length };
  };
  const apply = (next: TextSelection) => {
    onChange(next.value);
    // Back to the text, with the changed part selected.
    requestAnimationFrame(() => {
      const element = area.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(next.start, next.end);
    });
  };
  const openLink = () => {
    saved.current = selection();
    setHref("https://");
    setLinkError(null);
    setLinkOpen(true);
    requestAnimationFrame(() => document.getElementById(`${own}-href`)?.focus());
  };
  const commitLink = () => {
    const next = insertLink(saved.current ?? selection(), href, t("form.linkText"));
    if (!next) {
      setLinkError(t("form.linkInvalid"));
      return;
    }
    setLinkOpen(false);
    apply(next);
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field--invalid formatted-field" : "field formatted-field"}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="formatted-field__toolbar" role="toolbar" aria-label={t("form.toolbar")} aria-controls={id}>
        <button type="button" className="button button--secondary" onClick={() => apply(insertParagraph(selection()))}>
          {t("form.toolbarParagraph")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => apply(toggleList(selection(), "bullets"))}>
          {t("form.toolbarBullets")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => apply(toggleList(selection(), "numbers"))}>
          {t("form.toolbarNumbers")}
        </button>
        <button type="button" className="button button--secondary" aria-expanded={linkOpen} onClick={openLink}>
          {t("form.toolbarLink")}
        </button>
      </div>
      {linkOpen ? (
        <div className="formatted-field__link">
          <label htmlFor={`${own}-href`}>{t("form.linkPrompt")}</label>
          {linkError ? (
            <p className="field__error" id={`${own}-href-error`} role="alert">
              {linkError}
            </p>
          ) : null}
          <input
            id={`${own}-href`}
            type="url"
            value={href}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? `${own}-href-error` : undefined}
            onChange={(event) => setHref(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                commitLink();
              } else if (event.key === "Escape") {
                setLinkOpen(false);
                area.current?.focus();
              }
            }}
          />
          <div className="button-row">
            <button type="button" className="button" onClick={commitLink}>
              {t("form.linkInsert")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setLinkOpen(false);
                area.current?.focus();
              }}
            >
              {t("form.linkCancel")}
            </button>
          </div>
        </div>
      ) : null}
      <textarea
        id={id}
        ref={area}
        rows={10}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <button type="button" className="button button--secondary" aria-expanded={preview} aria-controls={`${own}-preview`} onClick={() => setPreview((shown) => !shown)}>
        {preview ? t("form.previewHide") : t("form.previewShow")}
      </button>
      <div id={`${own}-preview`} hidden={!preview}>
        {preview ? (
          <section className="formatted-field__preview" aria-labelledby={`${own}-preview-heading`}>
            <h3 id={`${own}-preview-heading`}>{t("form.previewHeading")}</h3>
            <FormattedText blocks={parseFormattedText(value)} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
