import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoAccounts, prepareAccessControl } from "../src/modules/accounts/demo-accounts.js";
import { login } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
let dataDir: string;

beforeAll(async () => {
  t = await createTestApp();
  dataDir = mkdtempSync(path.join(tmpdir(), "insek-demo-"));
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const countUsers = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from users`))[0]?.n;

describe("demo accounts", () => {
  it("are never created in production or with DATABASE_URL", async () => {
    const out: string[] = [];
    expect(await ensureDemoAccounts(t.database, { NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: undefined }, { write: (s) => out.push(s), terminal: true })).toBeUndefined();
    expect(await ensureDemoAccounts(t.database, { NODE_ENV: "development", DATA_DIR: dataDir, DATABASE_URL: "postgres://x/y" }, { write: (s) => out.push(s), terminal: true })).toBeUndefined();
    expect(out).toEqual([]);
    expect(await countUsers()).toBe(0);
  });

  it("are created once on the embedded demo, one per role, printed once and kept in a private file", async () => {
    const out: string[] = [];
    const file = await ensureDemoAccounts(t.database, { NODE_ENV: "development", DATA_DIR: dataDir, DATABASE_URL: undefined }, { write: (s) => out.push(s), terminal: true });
    expect(file).toBe(path.join(dataDir, "demo-accounts.txt"));
    expect(statSync(file ?? "").mode & 0o777).toBe(0o600);
    const text = readFileSync(file ?? "", "utf8");
    expect(out.join("")).toContain(text);
    const credentials = [...text.matchAll(/(\S+@demo\.insek\.example)\s+(\S+)/g)].map((m) => ({ email: m[1] ?? "", password: m[2] ?? "" }));
    expect(credentials).toHaveLength(3);

    const roles = [];
    for (const { email, password } of credentials) {
      const { res } = await login(t.app, email, password);
      expect(res.statusCode).toBe(200);
      roles.push(res.json<{ user: { role: string; admin: boolean; ags: string[] } }>().user);
    }
    expect(roles).toEqual([
      expect.objectContaining({ role: "smr", admin: true }),
      expect.objectContaining({ role: "advisor", admin: false }),
      expect.objectContaining({ role: "municipality", ags: ["14627060"] }),
    ]);
    const assignments = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from advisor_assignments where left(ags, 5) = '14627'`);
    expect(assignments[0]?.n).toBeGreaterThanOrEqual(10);
    const hashes = await queryRows<{ password_hash: string }>(t.database.db, sql`select password_hash from users`);
    for (const { password } of credentials) expect(JSON.stringify(hashes)).not.toContain(password);

    const later: string[] = [];
    await prepareAccessControl(t.database, { NODE_ENV: "development", DATA_DIR: dataDir, DATABASE_URL: undefined }, { write: (s) => later.push(s), terminal: true });
    expect(later.join("")).toBe(`\nDemo-Zugänge: siehe ${file ?? ""}\n`);
    expect(await countUsers()).toBe(3);
    expect(readFileSync(file ?? "", "utf8")).toBe(text);
  });

  it("print no password when the output is not a terminal (a pipe or a log), only where the file is", async () => {
    const other = await createTestApp();
    const otherDir = mkdtempSync(path.join(tmpdir(), "insek-demo-"));
    try {
      const out: string[] = [];
      const file = await ensureDemoAccounts(other.database, { NODE_ENV: "development", DATA_DIR: otherDir, DATABASE_URL: undefined }, { write: (s) => out.push(s), terminal: false });
      const text = readFileSync(file ?? "", "utf8");
      const passwords = [...text.matchAll(/@demo\.insek\.example\s+(\S+)/g)].map((m) => m[1] ?? "");
      expect(passwords).toHaveLength(3);
      const printed = out.join("");
      expect(printed).toContain(file ?? "-");
      for (const password of passwords) expect(printed).not.toContain(password);
      expect(statSync(file ?? "").mode & 0o777).toBe(0o600);
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
