import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CopyableLink } from "../../../components/workspace";
import { QueryState } from "../../../components/query-state";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { useOutbox } from "../api";
import "../update-requests.css";

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

/** The mails the system wrote (the outbox), with their links to copy. */
export function Outbox() {
  const { t } = useTranslation("advisory");
  const locale = useFormatLocale();
  const id = useId();
  const outbox = useOutbox();
  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.outboxHeading")}</h2>
      <p className="hint">{t("requests.outboxHint")}</p>
      <QueryState query={outbox}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("requests.outboxEmpty")}</p>
      ) : (
        <ul className="plain-list">
          {loaded.items.map((message) => {
            const links = [...new Set(message.body.match(URL_PATTERN) ?? [])];
            return (
              <li key={message.id} className="outbox-message">
                <h3 className="consultation__title">{message.subject}</h3>
                <p className="consultation__meta">
                  {formatTimestamp(message.createdAt, locale)} · {t("requests.outboxTo", { recipients: message.recipients.join(", ") })} ·{" "}
                  {t(`requests.mailState.${message.state}`)}
                </p>
                {links.length > 0 ? (
                  <>
                    <p>
                      <strong>{t("requests.outboxLinks")}</strong>
                    </p>
                    {links.map((link) => (
                      <CopyableLink key={link} href={link} label={message.subject} />
                    ))}
                  </>
                ) : null}
                <details>
                  <summary>{t("requests.outboxBody")}</summary>
                  <pre>{message.body}</pre>
                </details>
              </li>
            );
          })}
        </ul>
      )}</QueryState>
    </section>
  );
}
