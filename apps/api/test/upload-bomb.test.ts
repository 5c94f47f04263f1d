import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EVENT_IMPORT_CONTENT_TYPES, errorResponseSchema } from "@insek/contracts";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { type ServerProcess, startServer } from "./helpers/server-process.js";
import { xlsxBomb, xlsxWithHugeCell } from "./helpers/xlsx-files.js";

/**
 * Zip bombs against the built server in a child process whose heap is limited (as a small container
 * would be): before the upload bounds, each of these killed the process ("JavaScript heap out of
 * memory") and every user with it. Here a regression kills the child, not the test run: the test then
 * fails on the connection. The bombs are built in memory (helpers/xlsx-files.ts).
 */

const HEAP_MB = 256;
const SMR = { email: "bomb-smr@test.example", password: "a password for the bomb test" };

let server: ServerProcess;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let headers: Record<string, string>;

beforeAll(async () => {
  let env: Record<string, string>;
  if (testDbKind() === "postgres") {
    database = await createTestDatabase({ seeded: false });
    env = { DATABASE_URL: database.url ?? "" };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "insek-bomb-"));
    env = { DATA_DIR: dataDir };
  }
  const created = await runCli(["user:create", "--email", SMR.email, "--role", "smr"], env, `${SMR.password}\n`);
  expect(created.code, created.stderr).toBe(0);
  server = await startServer({ ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(SMR),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  headers = { cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "", "x-csrf-token": csrfToken };
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function importFile(data: Buffer, dryRun: boolean) {
  const res = await fetch(`${server.url}/api/import/events?dryRun=${dryRun}`, {
    method: "POST",
    headers: { ...headers, "content-type": EVENT_IMPORT_CONTENT_TYPES.xlsx },
    body: data,
  });
  const text = await res.text();
  return { status: res.status, text, requestId: res.headers.get("x-request-id") };
}

type Answer = { status: number; text: string; requestId: string | null };

function expectRefused(res: Answer | undefined, codes: Record<string, number>) {
  const body = errorResponseSchema.parse(JSON.parse(res?.text ?? "null"));
  expect(Object.keys(codes), res?.text.slice(0, 300)).toContain(body.code);
  expect(res?.status).toBe(codes[body.code]);
  expect(body).toMatchObject({ statusCode: res?.status, requestId: res?.requestId });
}

const UNPACKED = { UNPACKED_TOO_LARGE: 413 };

async function expectAlive() {
  const live = await fetch(`${server.url}/health/live`);
  expect(live.status, server.output().slice(-2000)).toBe(200);
  expect(server.output()).not.toMatch(/heap out of memory/i);
}

describe("zip bombs against a server with a limited heap", () => {
  it("a 4.5 MB XLSX that inflates to 1.2 GB answers 413 UNPACKED_TOO_LARGE, on a dry run and on a real one, and the server lives", { timeout: 60_000 }, async () => {
    const bomb = xlsxBomb({ unpackedMiB: 1200 });
    expect(bomb.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    expectRefused(await importFile(bomb, true), UNPACKED);
    expectRefused(await importFile(bomb, false), UNPACKED);
    await expectAlive();
  });

  it("two smaller bombs at once, and one whose directory lies about its size, answer 413 and the server lives", { timeout: 60_000 }, async () => {
    // 450 MiB each: under the V8 string limit, so an unbounded reader builds every row of both.
    const small = xlsxBomb({ unpackedMiB: 450 });
    const liar = xlsxBomb({ unpackedMiB: 450, declaredSize: 2 * 1024 * 1024 });
    const answers = await Promise.all([importFile(small, true), importFile(small, false), importFile(liar, true)]);
    expectRefused(answers[0], UNPACKED);
    expectRefused(answers[1], UNPACKED);
    // Inflating it, the reader meets the row bound or the byte bound first, whichever comes first.
    expectRefused(answers[2], { ...UNPACKED, TOO_MANY_ROWS: 422 });
    await expectAlive();
  });

  it("a file of about 300 KB holding one 300 MB cell answers 413 without quoting it, also when its directory claims 20 KB", { timeout: 60_000 }, async () => {
    const file = xlsxWithHugeCell({ cellMiB: 300 });
    expect(file.length).toBeLessThan(320 * 1024);
    const answers = [await importFile(file, true), await importFile(xlsxWithHugeCell({ cellMiB: 300, declaredSize: 20_000 }), true)];
    for (const answer of answers) {
      expectRefused(answer, UNPACKED);
      expect(answer.text.length).toBeLessThan(1000);
    }
    await expectAlive();
  });
});
