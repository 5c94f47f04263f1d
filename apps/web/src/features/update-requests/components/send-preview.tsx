import type { UpdateRequestPreview } from "@insek/contracts";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";

/**
 * Before a campaign is sent: how many requests, how many go to an address and how many have none (those stay
 * in the outbox), each municipality with its addresses; then the sender confirms or goes back.
 */
export function SendPreview({
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: UpdateRequestPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("workflows");
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const withoutAddress = preview.items.filter((item) => item.recipients.length === 0);
  return (
    <section className="send-preview notice notice--info" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
        {t("preview.heading")}
      </h3>
      <ul>
        <li>{t("preview.summary", { count: preview.requests })}</li>
        <li>{t("preview.withAddress", { count: preview.withAddress })}</li>
        {preview.withoutAddress > 0 ? (
          <li>
            <strong>{t("preview.withoutAddress", { count: preview.withoutAddress })}</strong>{" "}
            <Link to={paths.municipalityContacts}>{t("preview.addContacts")}</Link>
          </li>
        ) : null}
        <li>{preview.delivery === "smtp" ? t("preview.deliverySmtp") : t("preview.deliveryOutbox")}</li>
      </ul>
      <details open={preview.items.length <= 10 || withoutAddress.length > 0}>
        <summary>{t("preview.list")}</summary>
        <div className="table-scroll" role="region" aria-label={t("preview.list")} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t("preview.list")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("preview.column.municipality")}</th>
                <th scope="col">{t("preview.column.recipients")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item) => (
                <tr key={item.ags}>
                  <th scope="row">{item.municipalityName}</th>
                  <td className="break-anywhere">{item.recipients.length > 0 ? item.recipients.join(", ") : <strong>{t("preview.noAddress")}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={onConfirm}>
          {t("preview.confirm", { count: preview.requests })}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t("preview.cancel")}
        </button>
      </div>
    </section>
  );
}
