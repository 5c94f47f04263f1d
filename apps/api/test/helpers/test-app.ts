import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { type App, buildApp } from "../../src/app.js";
import type { AuthSettings } from "../../src/lib/access.js";
import type { Clock } from "../../src/lib/clock.js";
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
