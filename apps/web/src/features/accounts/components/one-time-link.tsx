import { type ResetLink } from "@insek/contracts";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import "../accounts.css";

/** A freshly created password-set link: read-only, copyable, shown only this once. */
export function OneTimeLink({ link, heading }: { link: ResetLink; heading: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState("");
  const expires = new Date(link.expiresAt).toLocaleString(i18n.language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  const copy = async () => {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(link.resetUrl);
      setCopyState(t("accounts.copied"));
    } catch {
      setCopyState(t("accounts.copyFailed"));
    }
  };
  return (
    <section className="notice notice--success one-time-link" aria-labelledby={`${id}-heading`}>
      <h2 className="notice__title" id={`${id}-heading`}>
        {heading}
      </h2>
      <p>{t("accounts.linkOnce")}</p>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t("accounts.linkLabel")}</label>
        <p className="hint" id={`${id}-expires`}>
          {t("accounts.linkExpires", { date: expires })}
        </p>
        <input
          id={`${id}-url`}
          ref={inputRef}
          type="text"
          readOnly
          value={link.resetUrl}
          aria-describedby={`${id}-expires`}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t("accounts.copy")}
        </button>
      </p>
      <p role="status">{copyState}</p>
    </section>
  );
}
