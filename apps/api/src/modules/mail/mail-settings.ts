/** How the application delivers e-mail (env: SMTP_URL, MAIL_FROM, MAIL_MAX_ATTEMPTS, MAIL_RETRY_SECONDS). */
export interface MailSettings {
  /** smtp://user:pass@host:port (or smtps://); without it every message is `held` in the outbox. */
  smtpUrl?: string | undefined;
  /** The sender address, e.g. "INSEK-Monitor Sachsen <insek@example.org>". */
  from: string;
  /** A message is given up (`failed` for good) after this many delivery attempts. */
  maxAttempts: number;
  /** How often the sender looks for messages to (re)try, in milliseconds. */
  retryIntervalMs: number;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  from: "INSEK-Monitor Sachsen <insek-monitor@localhost>",
  maxAttempts: 5,
  retryIntervalMs: 60_000,
};

/** The SMTP URL without its password, for log lines and the readiness of the configuration. */
export function describeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}`;
  } catch {
    return "(invalid SMTP URL)";
  }
}
