import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { outboxListSchema, updateRequestAnswerResultSchema, updateRequestCreatedSchema, updateRequestFormSchema, updateRequestListSchema } from "@insek/contracts";
import { type DatabaseHandle, migrateDatabase, openDatabase, queryRows, seedReferenceData } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/modules/accounts/auth.service.js";
import { addAccount } from "./helpers/accounts.js";
import { type ServerProcess, startServer } from "./helpers/server-process.js";

/*
 * A real SMTP server on loopback (smtp-server, in this process) and the built API server in a process of
 * its own with SMTP_URL pointing at it: campaigns are e-mailed, links followed from the received mail,
 * failures retried a bounded number of times, queued messages survive a restart.
 */

const DOEBELN = "14522080";
const FLOEHA = "14522140";
const DRESDEN = "14612000";
const CHEMNITZ = "14511000";
const REFUSED = "abgewiesen@floeha.example";

interface Received {
  envelopeTo: string[];
  from: string;
  to: string[];
  subject: string;
  text: string;
}

const received: Received[] = [];
let rejectedRcpt = 0;
let failNextData = 0;
/** Delay before accepting a message's data (to make deliveries overlap). */
let slowDataMs = 0;
let smtp: SMTPServer;
let smtpPort = 0;
const authUsers: string[] = [];

let testDb: TestDatabase | undefined;
let dataDir: string | undefined;
let env: Record<string, string>;
let bearer: Record<string, string>;
let server: ServerProcess | undefined;

/** Opens the database the server process uses (only while that process is stopped, on PGlite). */
async function withDatabase<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  if (testDb) return fn(testDb);
  const handle = await openDatabase({ dataDir });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      authUsers.push(auth.username ?? "");
      if (auth.username === "insek" && auth.password === "geheim") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) {
        rejectedRcpt += 1;
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failNextData > 0) {
          failNextData -= 1;
          callback(Object.assign(new Error("Temporary failure, try again"), { responseCode: 451 }));
          return;
        }
        new Promise((r) => setTimeout(r, slowDataMs))
          .then(() => simpleParser(Buffer.concat(chunks)))
          .then((mail) => {
            const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              from: mail.from?.value[0]?.address ?? "",
              to,
              subject: mail.subject ?? "",
              text: mail.text ?? "",
            });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  let db: DatabaseHandle;
  if (testDbKind() === "postgres") {
    testDb = await createTestDatabase({ seeded: true });
    db = testDb;
    env = { DATABASE_URL: testDb.url ?? "" };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "insek-mail-"));
    db = await openDatabase({ dataDir });
    await migrateDatabase(db);
    await seedReferenceData(db.db, saxonyReferenceData);
    env = { DATA_DIR: dataDir };
  }
  const smr = await addAccount(db.db, { email: "smr@test.example", role: "smr", password: null });
  await addAccount(db.db, { email: "bauamt@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
  await addAccount(db.db, { email: "stadtplanung@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
  await addAccount(db.db, { email: "planung@dresden.example", role: "municipality", ags: [DRESDEN], password: null });
  await addAccount(db.db, { email: REFUSED, role: "municipality", ags: [FLOEHA], password: null });
  // One account each for 20 more municipalities of Mittelsachsen (a campaign to the district mails them all).
  const others = await queryRows<{ ags: string }>(
    db.db,
    sql`select ags from municipalities where district_key = '14522' and valid_to is null and ags not in (${DOEBELN}, ${FLOEHA}) order by ags limit 20`,
  );
  for (const { ags } of others) await addAccount(db.db, { email: `rathaus-${ags}@mittelsachsen.example`, role: "municipality", ags: [ags], password: null });
  const { token } = await createApiToken(db.db, smr.id, { name: "mail test", expiresInDays: 7 }, new Date());
  bearer = { authorization: `Bearer ${token}` };
  if (!testDb) await db.close();

  env = {
    ...env,
    SEED_DEMO_DATA: "false",
    SMTP_URL: `smtp://insek:geheim@127.0.0.1:${smtpPort}`,
    MAIL_FROM: "INSEK-Monitor Test <insek@test.example>",
    MAIL_MAX_ATTEMPTS: "2",
    MAIL_RETRY_SECONDS: "1",
    // One key for every process and restart: any of them must be able to write the links of queued messages.
    LINK_SECRET: "mail-test-link-secret-0123456789abcdef",
    // Request lines are logged: the by-token paths must show up redacted, never with their token.
    LOG_LEVEL: "info",
  };
  server = await startServer(env);
});

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.output() ?? ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function url(p: string): string {
  if (!server) throw new Error("server not started");
  return `${server.url}${p}`;
}

async function createCampaign(body: unknown) {
  const res = await fetch(url("/api/update-requests"), { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return updateRequestCreatedSchema.parse(JSON.parse(text));
}

async function campaignRequests(id: number) {
  const res = await fetch(url(`/api/update-requests/campaigns/${id}`), { headers: bearer });
  expect(res.status).toBe(200);
  return updateRequestListSchema.parse(await res.json()).items;
}

async function outbox() {
  const res = await fetch(url("/api/outbox"), { headers: bearer });
  expect(res.status).toBe(200);
  return outboxListSchema.parse(await res.json()).items;
}

describe("update requests by e-mail through a real SMTP server", () => {
  it("sends one message per request to the municipality's accounts and the link in it answers the request once", async () => {
    const created = await createCampaign({ ags: [DOEBELN, DRESDEN, CHEMNITZ], validDays: 10, message: "Vielen Dank für Ihre Mithilfe." });
    const doebeln = created.requests.find((r) => r.ags === DOEBELN);
    const chemnitz = created.requests.find((r) => r.ags === CHEMNITZ);
    expect(doebeln).toMatchObject({ delivery: "smtp", mailState: "queued" });
    // Chemnitz has no municipality account: its message waits in the outbox.
    expect(chemnitz).toMatchObject({ delivery: "outbox", mailState: "held", recipients: [] });

    await until("two messages", () => (received.length >= 2 ? true : undefined));
    expect(authUsers).toContain("insek");
    const mail = received.find((m) => m.to.includes("bauamt@doebeln.example"));
    expect(mail?.to.sort()).toEqual(["bauamt@doebeln.example", "stadtplanung@doebeln.example"]);
    expect(mail?.envelopeTo.sort()).toEqual(["bauamt@doebeln.example", "stadtplanung@doebeln.example"]);
    expect(mail?.from).toBe("insek@test.example");
    expect(mail?.subject).toBe("INSEK-Monitor Sachsen: Bitte prüfen Sie den INSEK-Stand von Döbeln");
    expect(mail?.text).toContain("Vielen Dank für Ihre Mithilfe.");
    expect(mail?.text).toContain("Status: kein Konzept / keine Angabe");
    const link = /(http:\/\/\S+\/aktualisieren\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    expect(link).toBe(doebeln?.link);
    expect(link?.startsWith(server?.url ?? "?")).toBe(true);
    expect(received.filter((m) => m.to.includes("planung@dresden.example"))).toHaveLength(1);

    const states = await until("sent states", async () => {
      const items = await campaignRequests(created.campaign.id);
      return items.filter((r) => r.mailState === "sent").length === 2 ? items : undefined;
    });
    expect(states.find((r) => r.ags === CHEMNITZ)?.mailState).toBe("held");
    const sent = (await outbox()).find((m) => m.updateRequestId === doebeln?.id);
    expect(sent).toMatchObject({ state: "sent", lastError: null });
    expect(sent?.sentAt).not.toBeNull();

    // Follow the link from the mail: the page's API, without an account.
    const token = link?.split("/aktualisieren/")[1] ?? "";
    const formRes = await fetch(url(`/api/update-requests/by-token/${token}`));
    expect(formRes.status).toBe(200);
    expect(updateRequestFormSchema.parse(await formRes.json()).municipality).toMatchObject({ ags: DOEBELN, name: "Döbeln" });
    const post = () =>
      fetch(url(`/api/update-requests/by-token/${token}`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "change", event: { type: "status", status: "drafting", conceptKind: "INSEK" } }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(updateRequestAnswerResultSchema.parse(await first.json())).toMatchObject({ outcome: "recorded", event: { status: "drafting", source: "municipality" } });
    const second = await post();
    expect(second.status).toBe(410);
    expect(((await second.json()) as { code: string }).code).toBe("UPDATE_REQUEST_GONE");
    const counts = (await (await fetch(url("/api/update-requests"), { headers: bearer })).json()) as { items: { id: number; counts: Record<string, number> }[] };
    expect(counts.items.find((c) => c.id === created.campaign.id)?.counts).toMatchObject({ requests: 3, answered: 1, sent: 2 });
    // The request log shows the by-token path redacted, never the token.
    expect(server?.output()).toContain("/by-token/[redacted]");
    expect(server?.output()).not.toContain(token);
  });

  it("retries a temporary failure, and gives up on a refused address after MAIL_MAX_ATTEMPTS", async () => {
    failNextData = 1;
    const before = received.length;
    const created = await createCampaign({ ags: [DRESDEN, FLOEHA], validDays: 10 });
    const dresden = created.requests.find((r) => r.ags === DRESDEN);
    const floeha = created.requests.find((r) => r.ags === FLOEHA);
    // The first attempt is refused with 451; the retry (every second) delivers it.
    await until("the retried message", () => (received.length > before ? true : undefined));
    const items = await until("final states", async () => {
      const list = await outbox();
      const d = list.find((m) => m.updateRequestId === dresden?.id);
      const f = list.find((m) => m.updateRequestId === floeha?.id);
      return d?.state === "sent" && f?.state === "failed" && rejectedRcpt >= 2 ? { d, f } : undefined;
    });
    expect(items.f.lastError).toMatch(/550|rejected/i);
    // Bounded: no third attempt for the refused address.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(rejectedRcpt).toBe(2);
    const attempts = await campaignRequests(created.campaign.id);
    expect(attempts.find((r) => r.ags === FLOEHA)?.mailState).toBe("failed");
  });

  it("messages still queued when the process stopped are sent after the next start", async () => {
    expect(await server?.stop()).toBe(0);
    server = undefined;
    const subject = "Liegengebliebene Nachricht";
    await withDatabase((db) =>
      db.db.execute(
        sql`insert into outbox_messages (created_at, recipients, subject, body_text, state)
            values (now(), array['planung@dresden.example'], ${subject}, 'Text', 'queued')`,
      ),
    );
    server = await startServer(env);
    const mail = await until("the queued message", () => received.find((m) => m.subject === subject));
    expect(mail.to).toEqual(["planung@dresden.example"]);
    const row = await until("state sent", async () => (await outbox()).find((m) => m.subject === subject && m.state === "sent"));
    expect(row.sentAt).not.toBeNull();
  });

  // Two processes on one database exist only with a server: the embedded database is single-process.
  const itWithServer = testDbKind() === "postgres" ? it : undefined;
  itWithServer?.("two API processes on one database send every message exactly once", async () => {
    const second = await startServer(env);
    try {
      slowDataMs = 150;
      const before = received.length;
      const created = await createCampaign({ district: "14522", validDays: 10 });
      const queued = created.requests.filter((r) => r.mailState === "queued");
      // 20 accounts plus Döbeln's two (one message) and the refused address of Flöha.
      expect(queued).toHaveLength(22);
      // Both processes look for queued messages every second while the first still delivers.
      await until("the deliverable messages", () => (received.length - before >= 21 ? true : undefined), 30_000);
      await new Promise((r) => setTimeout(r, 2_500));
      const mails = received.slice(before);
      expect(mails).toHaveLength(21);
      const links = mails.map((m) => /\/aktualisieren\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1]);
      expect(new Set(links).size).toBe(21);
    } finally {
      slowDataMs = 0;
      expect(await second.stop()).toBe(0);
    }
  });
});
