import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { type App, buildApp } from "../../src/app.js";
import type { AuthSettings } from "../../src/lib/access.js";
import type { Clock } from "../../src/lib/clock.js";
import type { MailTransport } from "../../src/modules/mail/mail-sender.js";
import { writePublicAccess } from "../../src/modules/settings/settings.repo.js";

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A fixed clock: 2026-11-25 10:00 in Saxony. */
export const fixedClock: Clock = () => new Date("2026-11-25T09:00:00Z");

export interface TestAppOptions {
  seeded?: boolean;
  clock?: Clock;
  webDistDir?: string;
  /** Anonymous read access (default on, whichever database the test runs on). */
  publicAccess?: boolean;
  auth?: Partial<AuthSettings>;
  trustProxy?: boolean;
  /** PUBLIC_URL (default: DEFAULT_PUBLIC_URL). */
  publicUrl?: string;
  /** LINK_SECRET (default: a random one per app). */
  linkSecret?: string;
  /** Deliver e-mail through this transport (as with SMTP_URL) instead of holding it in the outbox. */
  mailTransport?: MailTransport;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase({ seeded: options.seeded ?? true });
  await writePublicAccess(database.db, options.publicAccess ?? true, new Date());
  const app = await buildApp({
    database,
    clock: options.clock ?? fixedClock,
    webDistDir: options.webDistDir,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.trustProxy ? { trustProxy: true } : {}),
    publicUrl: options.publicUrl,
    linkSecret: options.linkSecret,
    ...(options.mailTransport ? { mailTransport: options.mailTransport } : {}),
  });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
