import { ERROR_CODES, type MunicipalityDetail } from "@insek/contracts";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useCreateEvent } from "../api/create-event";

/**
 * One click: "the record shown is still correct" (a confirmation event on `version`, the version shown or the
 * user's own last write, whichever is newer); the new version goes to `onConfirmed`, so the next change builds on it.
 */
export function ConfirmRecord({ municipality, version, onConfirmed }: { municipality: MunicipalityDetail; version: number; onConfirmed: (version: number) => void }) {
  const { t } = useTranslation();
  const createEvent = useCreateEvent();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  // The answer takes the focus once rendered, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const confirm = () => {
    setMessage(null);
    createEvent.mutate(
      { ags: municipality.ags, version, input: { type: "confirmation" } },
      {
        onSuccess: (created) => {
          onConfirmed(created.version);
          setMessage({ ok: true, text: t("record.confirmed", { version: created.version }) });
        },
        onError: (error) => {
          const text =
            error instanceof ApiError && error.statusCode === 412
              ? t("record.conflictConfirm")
              : error instanceof ApiError && (error.code === ERROR_CODES.outOfScope || error.statusCode === 403)
                ? t("record.forbidden")
                : t("record.failed", { message: error.message });
          setMessage({ ok: false, text });
        },
      },
    );
  };

  return (
    <section className="record-confirm" aria-labelledby="record-confirm-heading">
      <h2 id="record-confirm-heading">{t("record.confirmHeading")}</h2>
      <p>{t("record.confirmText")}</p>
      <button type="button" className="button button--secondary" onClick={confirm} disabled={createEvent.isPending}>
        {t("record.confirm")}
      </button>
      <div aria-live="polite">
        {message ? (
          <p
            ref={messageRef}
            tabIndex={-1}
            role={message.ok ? "status" : "alert"}
            className={`notice ${message.ok ? "notice--success" : "notice--error"}`}
          >
            {message.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
