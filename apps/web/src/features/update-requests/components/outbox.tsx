import { type EndpointResponse, endpoints } from "@insek/contracts";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CopyableLink } from "../../../components/workspace";
import { QueryState } from "../../../components/query-state";
import { endpointUrl } from "../../../lib/api-client";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useOutbox } from "../api";
import "../update-requests.css";

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

type OutboxMessage = EndpointResponse<typeof endpoints.outboxList>["items"][number];

/** Copies the whole message (recipients, subject, text with its link), for delivery by hand. */
function CopyMessage({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation("workflows");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const text = [message.recipients.length > 0 ? `An: ${message.recipients.join(", ")}` : null, `Betreff: ${message.subject}`, "", message.body]
      .filter((line) => line !== null)
      .join("\n");
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <p>
      <button type="button" className="button button--secondary" aria-label={t("outbox.copyMessageFor", { label: message.subject })} onClick={() => void copy()}>
        {t("outbox.copyMessage")}
      </button>{" "}
      <span role="status">{state === "copied" ? t("outbox.copied") : state === "failed" ? t("outbox.copyFailed") : ""}</span>
    </p>
  );
}

/** The mails the system wrote (the outbox), with their links and texts to copy, and a CSV of the held ones. */
export function Outbox() {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const locale = useFormatLocale();
  const id = useId();
  const outbox = useOutbox();
  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("requests.outboxHeading")}</h2>
      <p className="hint">{t("requests.outboxHint")}</p>
      <p>
        <a href={endpointUrl(endpoints.exportOutboxCsv, { query: { state: "held" } })} download>
          {tw("outbox.export")}
        </a>
      </p>
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
                  {formatTimestamp(message.createdAt, locale)} ·{" "}
                  {message.recipients.length > 0 ? t("requests.outboxTo", { recipients: message.recipients.join(", ") }) : null}
                  {message.recipients.length > 0 ? " · " : null}
                  {t(`requests.mailState.${message.state}`)}
                </p>
                {message.recipients.length === 0 ? (
                  <p className="outbox-message__no-recipient">
                    {tw("outbox.noRecipient")}{" "}
                    <Link to={paths.municipalityContacts}>{tw("contacts.title")}</Link>
                  </p>
                ) : null}
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
                <CopyMessage message={message} />
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
