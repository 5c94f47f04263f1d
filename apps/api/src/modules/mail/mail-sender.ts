import type { DatabaseHandle, Db } from "@insek/db";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import type { Clock } from "../../lib/clock.js";
import { type MailSettings, describeSmtpUrl } from "./mail-settings.js";
import { LINK_PLACEHOLDER, renderStoredLink, withLink } from "../update-requests/update-request-links.js";
import { claimDeliverable, deliverableIds, markDelivered, markFailed, markUndeliverable } from "./outbox.repo.js";

/** What the links of messages are written from: the key outside the database and the public address. */
export interface LinkRendering {
  linkSecret: string;
  origin: string;
}

/** What sends one message; nodemailer's SMTP transport in production. */
export interface MailTransport {
  send(message: { from: string; to: string[]; subject: string; text: string }): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string): MailTransport {
  // Short timeouts: a message that cannot go out now is retried later, not waited for.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    send: async ({ from, to, subject, text }) => {
      await transporter.sendMail({ from, to, subject, text });
    },
    close: () => transporter.close(),
  };
}

/**
 * Delivers the outbox: every `queued` message, and `failed` ones again until `maxAttempts`. Runs after
 * each write that queued messages (kick), on start (messages queued before the process stopped are not
 * lost) and every `retryIntervalMs`. One pass at a time; on PostgreSQL each message is sent inside a
 * transaction that holds its row lock (FOR UPDATE SKIP LOCKED), so several API processes never send one
 * message twice; a process that dies mid-send leaves the message queued (at-least-once delivery).
 */
export class MailSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again: "none" | "queued" | "all" = "none";
  private stopped = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly settings: MailSettings,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly links: LinkRendering,
  ) {}

  start(): void {
    this.log.info({ smtp: describeSmtpUrl(this.settings.smtpUrl ?? "") }, "mail sender started");
    this.timer = setInterval(() => this.kick(true), this.settings.retryIntervalMs);
    this.timer.unref();
    this.kick(true);
  }

  /** Looks for messages now (after the transaction that queued them committed). `retryFailed`: failed ones too. */
  kick(retryFailed = false): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = retryFailed || this.again === "all" ? "all" : "queued";
      return;
    }
    this.running = this.pass(retryFailed).finally(() => {
      this.running = undefined;
      const again = this.again;
      this.again = "none";
      if (again !== "none") this.kick(again === "all");
    });
  }

  /** Resolves when no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.transport.close();
  }

  private async pass(retryFailed: boolean): Promise<void> {
    try {
      const ids = await deliverableIds(this.database.db, this.settings.maxAttempts, retryFailed);
      for (const id of ids) {
        if (this.stopped) return;
        await this.deliver(id);
      }
    } catch (error) {
      this.log.error({ err: error }, "mail sender pass failed");
    }
  }

  private async deliver(id: number): Promise<void> {
    const work = async (db: Db, lock: boolean) => {
      const message = await claimDeliverable(db, id, this.settings.maxAttempts, lock);
      if (!message) return;
      let text = message.body;
      if (text.includes(LINK_PLACEHOLDER)) {
        const link = renderStoredLink(this.links.linkSecret, this.links.origin, message);
        if (link === null) {
          // A mail without its link asks for nothing: give it up, and say why in the outbox.
          const reason = "the link of this message can no longer be written (older message, or LINK_SECRET changed): send a new update request";
          this.log.warn({ outboxMessageId: id }, "mail not sent: link unavailable");
          await markUndeliverable(db, id, this.settings.maxAttempts, reason);
          return;
        }
        text = withLink(text, link);
      }
      try {
        await this.transport.send({ from: this.settings.from, to: message.recipients, subject: message.subject, text });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // The message id only: its text holds a single-use link.
        this.log.warn({ outboxMessageId: id, reason }, "mail delivery failed");
        await markFailed(db, id, reason);
        return;
      }
      await markDelivered(db, id, this.clock());
    };
    if (this.database.kind === "postgres") {
      await this.database.db.transaction((tx) => work(tx, true));
    } else {
      // PGlite: one process owns the database; a transaction would block every request while SMTP talks.
      await work(this.database.db, false);
    }
  }
}
