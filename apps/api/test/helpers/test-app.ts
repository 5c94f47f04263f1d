import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { type App, buildApp } from "../../src/app.js";
import type { Clock } from "../../src/lib/clock.js";

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A fixed clock: 2026-11-25 10:00 in Saxony. */
export const fixedClock: Clock = () => new Date("2026-11-25T09:00:00Z");

export async function createTestApp(options: { seeded?: boolean; clock?: Clock; webDistDir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ seeded: options.seeded ?? true });
  const app = await buildApp({ database, clock: options.clock ?? fixedClock, webDistDir: options.webDistDir });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
