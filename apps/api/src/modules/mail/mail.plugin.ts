import fp from "fastify-plugin";
import { MailSender, type MailTransport, smtpTransport } from "./mail-sender.js";
import { DEFAULT_MAIL_SETTINGS, type MailSettings } from "./mail-settings.js";

export interface Mail {
  settings: MailSettings;
  /** `smtp`: messages are queued and sent; `outbox`: they are held for staff to send by hand. */
  delivery: "smtp" | "outbox";
  /** Tell the sender that messages were queued (call after the transaction committed). */
  kick(): void;
  /** Resolves when the sender has nothing in flight (tests). */
  idle(): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    mail: Mail;
  }
}

export interface MailPluginOptions {
  settings?: Partial<MailSettings> | undefined;
  /** Another transport than SMTP (tests). */
  transport?: MailTransport;
}

export const mailPlugin = fp<MailPluginOptions>(
  (app, options, done) => {
    const settings: MailSettings = { ...DEFAULT_MAIL_SETTINGS, ...options.settings };
    const transport = options.transport ?? (settings.smtpUrl ? smtpTransport(settings.smtpUrl) : undefined);
    const sender = transport
      ? new MailSender(app.deps.database, settings, transport, app.deps.clock, app.log, {
          linkSecret: app.deps.linkSecret,
          origin: app.deps.publicUrl,
        })
      : undefined;
    app.decorate("mail", {
      settings,
      delivery: sender ? "smtp" : "outbox",
      kick: () => sender?.kick(),
      idle: async () => {
        await sender?.idle();
      },
    } satisfies Mail);
    if (sender) {
      app.addHook("onReady", (hookDone) => {
        sender.start();
        hookDone();
      });
      app.addHook("onClose", () => sender.stop());
    }
    done();
  },
  { name: "insek-mail" },
);
