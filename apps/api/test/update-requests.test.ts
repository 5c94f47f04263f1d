import { createHash } from "node:crypto";
import {
  campaignListSchema,
  errorResponseSchema,
  municipalityDetailSchema,
  municipalityListSchema,
  outboxListSchema,
  statusEventListSchema,
  updateRequestAnswerResultSchema,
  updateRequestCreatedSchema,
  updateRequestFormSchema,
  updateRequestListSchema,
  updateRequestReviewResultSchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor, movableClock, sessionFor } from "./helpers/accounts.js";
import { EnvError, loadEnv, mailSettingsFromEnv } from "../src/env.js";
import { storedRecordedBy } from "./helpers/recorded-by.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/*
 * Update requests without SMTP: campaigns, single-use links, the outbox, reviews. The clock starts at
 * 2026-11-25 10:00 in Saxony and moves forward only in the last block (expiry).
 */

const DOEBELN = "14522080";
const FLOEHA = "14522140";
/** Merged into Jahnatal in 2023: does not exist today. */
const OSTRAU = "14522450";
const JAHNATAL = "14522275";
const DRESDEN = "14612000";
const LEIPZIG = "14713000";
const CHEMNITZ = "14511000";
/** Used by one test only (an answer that later tests must not see in their histories). */
const GROSSENHAIN = "14627060";
const DAY = 86_400_000;

let t: TestApp;
const time = movableClock();
let smr: Record<string, string>;
let advisor: Record<string, string>;
let otherAdvisor: Record<string, string>;
let municipalityUser: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  const db = t.app.deps.database.db;
  const s = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
  const a = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
  const b = await addAccount(db, { email: "andere-beraterin@test.example", role: "advisor", password: null });
  await assign(db, a.id, [DOEBELN, FLOEHA, JAHNATAL], "2026-01-01");
  await assign(db, b.id, [LEIPZIG], "2026-01-01");
  await addAccount(db, { email: "bauamt@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
  await addAccount(db, { email: "buergermeister@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
  await addAccount(db, { email: "frueher@doebeln.example", role: "municipality", ags: [DOEBELN], password: null, disabled: true });
  const m = await addAccount(db, { email: "stadtplanung@dresden.example", role: "municipality", ags: [DRESDEN], password: null });
  smr = (await bearerFor(t.app, s.id)).headers;
  advisor = (await bearerFor(t.app, a.id)).headers;
  otherAdvisor = (await bearerFor(t.app, b.id)).headers;
  municipalityUser = (await bearerFor(t.app, m.id)).headers;
});
afterAll(async () => {
  await t.close();
});

async function rows<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(t.app.deps.database.db, statement);
}

async function counts() {
  const [row] = await rows<{ campaigns: number; requests: number; outbox: number }>(
    sql`select (select count(*)::int from update_request_campaigns) as campaigns, (select count(*)::int from update_requests) as requests,
      (select count(*)::int from outbox_messages) as outbox`,
  );
  return row;
}

async function send(body: unknown, headers = smr) {
  return t.app.inject({ method: "POST", url: "/api/update-requests", headers, payload: body as object });
}

async function campaign(body: unknown, headers = smr) {
  const res = await send(body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return updateRequestCreatedSchema.parse(res.json());
}

function tokenOf(link: string | undefined): string {
  const token = /\/aktualisieren\/([A-Za-z0-9_-]+)$/.exec(link ?? "")?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

function linkFor(created: { requests: { ags: string; link?: string | undefined }[] }, ags: string): string {
  return tokenOf(created.requests.find((r) => r.ags === ags)?.link);
}

const form = (token: string) => t.app.inject({ url: `/api/update-requests/by-token/${token}` });
const answer = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: `/api/update-requests/by-token/${token}`, payload: body as object, headers });

async function history(ags: string) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}/events`, headers: smr });
  expect(res.statusCode).toBe(200);
  return statusEventListSchema.parse(res.json()).items;
}

async function version(ags: string) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}`, headers: smr });
  return municipalityDetailSchema.parse(res.json()).version;
}

function errorOf(res: { body: string }) {
  return errorResponseSchema.parse(JSON.parse(res.body));
}

async function auditRows(action: string) {
  return rows<{ actor_label: string; target: string | null; details: Record<string, unknown> | null }>(
    sql`select actor_label, target, details from audit_log where action = ${action} order by id`,
  );
}

describe("sending a campaign", () => {
  it("to listed municipalities: one request per AGS, single-use links, held e-mails in the outbox, audited", async () => {
    const created = await campaign({ ags: [DOEBELN, DRESDEN], validDays: 14, message: "Bitte bis Jahresende prüfen." });
    expect(created.campaign.scope).toEqual({ ags: [DOEBELN, DRESDEN] });
    expect(created.campaign.validDays).toBe(14);
    expect(created.campaign.expiresAt).toBe(new Date(time.clock().getTime() + 14 * DAY).toISOString());
    // Without SMTP nothing went out: both are held in the outbox; Dresden has an account address, Döbeln two.
    expect(created.campaign.counts).toEqual({
      requests: 2, held: 2, queued: 0, sent: 0, failed: 0, noRecipient: 0, opened: 0, answered: 0, expired: 0, pendingReview: 0,
    });
    expect(created.campaign.createdBy.email).toBe("smr@test.example");
    const ostrau = created.requests.find((r) => r.ags === DOEBELN);
    // Active municipality accounts only; the disabled one gets nothing.
    expect(ostrau?.recipients).toEqual(["bauamt@doebeln.example", "buergermeister@doebeln.example"]);
    expect(ostrau).toMatchObject({ delivery: "outbox", mailState: "held", state: "unsent", response: null, review: null });
    for (const request of created.requests) {
      expect(request.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/aktualisieren\/[A-Za-z0-9_-]{43}$/);
    }

    // Only the SHA-256 of a token is stored.
    const token = linkFor(created, DOEBELN);
    const stored = await rows<{ token_hash: string }>(sql`select token_hash from update_requests where id = ${ostrau?.id ?? 0}`);
    expect(stored[0]?.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    const leaked = await rows<{ n: number }>(
      sql`select count(*)::int as n from update_requests r join update_request_campaigns c on c.id = r.campaign_id
          where r.token_hash like ${`%${token}%`} or c.scope::text like ${`%${token}%`}`,
    );
    expect(leaked[0]?.n).toBe(0);

    const outbox = await t.app.inject({ url: "/api/outbox?state=held", headers: smr });
    expect(outbox.statusCode).toBe(200);
    const messages = outboxListSchema.parse(outbox.json()).items.filter((m) => m.updateRequestId === ostrau?.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.recipients).toEqual(["bauamt@doebeln.example", "buergermeister@doebeln.example"]);
    expect(message?.subject).toContain("Döbeln");
    expect(message?.body).toContain(ostrau?.link ?? "?");
    expect(message?.link).toBe(ostrau?.link);
    expect(message?.body).toContain("Bitte bis Jahresende prüfen.");
    expect(message?.body).toContain("Status: kein Konzept / keine Angabe");
    expect(message?.body).toContain("gilt bis zum 09.12.2026, 10:00 Uhr");

    // The campaign view lists the requests without their links; an advisor sees those to their municipalities.
    const view = await t.app.inject({ url: `/api/update-requests/campaigns/${created.campaign.id}`, headers: smr });
    expect(view.statusCode).toBe(200);
    const items = updateRequestListSchema.parse(view.json()).items;
    expect(items.map((r) => r.ags).sort()).toEqual([DOEBELN, DRESDEN].sort());
    expect(view.body).not.toContain("aktualisieren/");
    const advisorView = await t.app.inject({ url: `/api/update-requests/campaigns/${created.campaign.id}`, headers: advisor });
    expect(updateRequestListSchema.parse(advisorView.json()).items.map((r) => r.ags)).toEqual([DOEBELN]);

    const [entry] = (await auditRows("update_request.campaign.created")).slice(-1);
    expect(entry).toMatchObject({ actor_label: "smr@test.example", target: `update_request_campaign:${created.campaign.id}` });
    expect(entry?.details).toMatchObject({ requests: 2, delivery: "outbox", scope: { ags: [DOEBELN, DRESDEN] } });
    expect(JSON.stringify(entry?.details)).not.toContain(token);
  });

  it("writes nothing when one AGS is unknown (422 UNKNOWN_AGS at body.ags.<i>)", async () => {
    const before = await counts();
    const res = await send({ ags: [DOEBELN, "14999999"], validDays: 7 });
    expect(res.statusCode).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe("UNKNOWN_AGS");
    expect(error.issues?.map((i) => i.path)).toEqual(["body.ags.1"]);
    // A municipality that merged into another does not exist today either.
    const dissolved = await send({ ags: [JAHNATAL, DRESDEN, OSTRAU], validDays: 7 });
    expect(dissolved.statusCode).toBe(422);
    expect(errorOf(dissolved).issues?.map((i) => i.path)).toEqual(["body.ags.2"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses bodies naming no or two targets, and days out of range (400)", async () => {
    for (const body of [{ validDays: 7 }, { ags: [DOEBELN], district: "14612", validDays: 7 }, { ags: [DOEBELN], validDays: 0 }, { stale: false }]) {
      const res = await send(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it("to a district: every current municipality of it", async () => {
    const expected = await rows<{ ags: string }>(
      sql`select ags from municipalities where district_key = '14522' and (valid_from is null or valid_from <= '2026-11-25')
          and (valid_to is null or valid_to > '2026-11-25') order by ags`,
    );
    expect(expected.length).toBeGreaterThan(20);
    const created = await campaign({ district: "14522", validDays: 21 });
    expect(created.campaign.scope).toEqual({ district: "14522" });
    expect(created.requests.map((r) => r.ags).sort()).toEqual(expected.map((r) => r.ags));
    expect(new Set(created.requests.map((r) => r.link)).size).toBe(expected.length);

    const unknown = await send({ district: "14999", validDays: 21 });
    expect(unknown.statusCode).toBe(422);
    expect(errorOf(unknown)).toMatchObject({ code: "UNKNOWN_DISTRICT", issues: [{ path: "body.district" }] });
  });

  it("to every stale record: those nobody changed or confirmed within the rules' months", async () => {
    // Leipzig confirmed today: not stale any more.
    const confirmed = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${LEIPZIG}/events`,
      headers: { ...smr, "if-match": `"${await version(LEIPZIG)}"` },
      payload: { type: "confirmation" },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const staleList = await t.app.inject({ url: "/api/municipalities?stale=true&limit=1", headers: smr });
    const staleTotal = municipalityListSchema.parse(staleList.json()).total;

    const created = await campaign({ stale: true, validDays: 30 });
    expect(created.campaign.scope).toEqual({ stale: true });
    expect(created.requests).toHaveLength(staleTotal);
    const targets = new Set(created.requests.map((r) => r.ags));
    expect(targets.has(LEIPZIG)).toBe(false);
    expect(targets.has(CHEMNITZ)).toBe(true);
  });

  it("advisors: only municipalities assigned to them today", async () => {
    const outside = await send({ ags: [DOEBELN, CHEMNITZ], validDays: 7 }, advisor);
    expect(outside.statusCode).toBe(403);
    expect(errorOf(outside)).toMatchObject({ code: "OUT_OF_SCOPE", issues: [{ path: "body.ags.1" }] });

    const district = await campaign({ district: "14522", validDays: 7 }, advisor);
    expect(district.requests.map((r) => r.ags).sort()).toEqual([JAHNATAL, DOEBELN, FLOEHA].sort());

    const none = await send({ district: "14612", validDays: 7 }, advisor);
    expect(none.statusCode).toBe(422);
    expect(errorOf(none).code).toBe("NO_RECIPIENTS");

    // An advisor's outbox shows the messages of their own campaigns only.
    const outbox = outboxListSchema.parse((await t.app.inject({ url: "/api/outbox", headers: advisor })).json()).items;
    expect(outbox).toHaveLength(3);
  });

  it("municipality accounts and anonymous callers may not send or read campaigns", async () => {
    expect((await send({ ags: [DRESDEN], validDays: 7 }, municipalityUser)).statusCode).toBe(403);
    expect((await send({ ags: [DRESDEN], validDays: 7 }, {})).statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/update-requests", headers: municipalityUser })).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/api/outbox" })).statusCode).toBe(401);
  });
});

describe("answering through the link", () => {
  it("opens the pre-filled form without an account; only the person's action counts as opened, once", async () => {
    const created = await campaign({ ags: [DOEBELN], validDays: 14, message: "Kurze Rückmeldung genügt." });
    const token = linkFor(created, DOEBELN);
    const res = await form(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = updateRequestFormSchema.parse(res.json());
    expect(body.municipality).toMatchObject({ ags: DOEBELN, name: "Döbeln", districtName: "Mittelsachsen" });
    expect(body.record.status).toBe("none");
    expect(body.version).toBe(await version(DOEBELN));
    expect(body.reviewedStatuses).toEqual(["council_adopted", "funding_eligible", "updating"]);
    expect(body.message).toBe("Kurze Rückmeldung genügt.");
    expect((await form(token)).statusCode).toBe(200);

    const countsNow = async () =>
      campaignListSchema.parse((await t.app.inject({ url: "/api/update-requests", headers: smr })).json()).items.find((c) => c.id === created.campaign.id)?.counts;
    const openedAudit = async () => (await auditRows("update_request.opened")).filter((e) => e.details?.updateRequestId === created.requests[0]?.id);
    // A GET (a mail scanner prefetching the link, or the page loading) does not count as opened.
    expect(await countsNow()).toMatchObject({ requests: 1, held: 1, sent: 0, opened: 0 });
    expect(await openedAudit()).toHaveLength(0);

    // The page reports the person's first action: opened once, audited once, however often it is called.
    const opened = () => t.app.inject({ method: "POST", url: `/api/update-requests/by-token/${token}/opened` });
    for (const res of await Promise.all([opened(), opened()])) {
      expect(res.statusCode, res.body).toBe(204);
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    expect((await opened()).statusCode).toBe(204);
    expect(await countsNow()).toMatchObject({ requests: 1, held: 1, sent: 0, opened: 1, answered: 0 });
    const entries = await openedAudit();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor_label).toBe(`update-request:${created.requests[0]?.id}`);
    // After the answer (which counts as opened itself) a late report changes nothing and is no error.
    const other = await campaign({ ags: [GROSSENHAIN], validDays: 14 });
    const otherToken = linkFor(other, GROSSENHAIN);
    expect((await answer(otherToken, { action: "confirm" })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: `/api/update-requests/by-token/${otherToken}/opened` })).statusCode).toBe(204);
    expect((await auditRows("update_request.opened")).filter((e) => e.details?.updateRequestId === other.requests[0]?.id)).toHaveLength(0);
    // An unknown link reveals nothing here either.
    expect((await t.app.inject({ method: "POST", url: `/api/update-requests/by-token/${"C".repeat(43)}/opened` })).statusCode).toBe(410);
  });

  it("confirm records a confirmation at once (source municipality); the link is then used up (410)", async () => {
    const created = await campaign({ ags: [DRESDEN], validDays: 14 });
    const token = linkFor(created, DRESDEN);
    const before = (await history(DRESDEN)).length;
    const res = await answer(token, { action: "confirm", note: "Stand unverändert." });
    expect(res.statusCode, res.body).toBe(200);
    const result = updateRequestAnswerResultSchema.parse(res.json());
    expect(result.outcome).toBe("recorded");
    expect(result.event).toMatchObject({ type: "confirmation", source: "municipality", note: "Stand unverändert.", ags: DRESDEN });

    const events = await history(DRESDEN);
    expect(events).toHaveLength(before + 1);
    // Staff see who recorded it: no account, the link.
    expect(events.at(-1)).toMatchObject({ type: "confirmation", source: "municipality", recordedBy: "Aktualisierungslink" });
    // Stored (decision 0024): no account, the channel of the link, and which request; the old column as before.
    expect(await storedRecordedBy(t.app.deps.database.db, result.event?.id ?? 0)).toEqual({
      email: null, userId: null, via: "update_request", updateRequestId: created.requests[0]?.id, legacy: `update-request:${created.requests[0]?.id}`,
    });

    for (const again of [await answer(token, { action: "confirm" }), await form(token)]) {
      expect(again.statusCode).toBe(410);
      expect(errorOf(again).code).toBe("UPDATE_REQUEST_GONE");
    }
    expect(await history(DRESDEN)).toHaveLength(before + 1);

    const view = updateRequestListSchema.parse(
      (await t.app.inject({ url: `/api/update-requests/campaigns/${created.campaign.id}`, headers: smr })).json(),
    ).items;
    expect(view[0]).toMatchObject({ state: "answered", response: "confirm", eventId: result.event?.id, review: null });
    const answered = (await auditRows("update_request.answered")).filter((e) => e.details?.updateRequestId === created.requests[0]?.id);
    expect(answered).toEqual([
      expect.objectContaining({ actor_label: `update-request:${created.requests[0]?.id}`, target: `municipality:${DRESDEN}` }),
    ]);
    const eventAudit = (await auditRows("status_event.created")).filter((e) => e.details?.eventId === result.event?.id);
    expect(eventAudit[0]?.actor_label).toBe(`update-request:${created.requests[0]?.id}`);
  });

  it("an unknown or malformed token reveals nothing", async () => {
    const unknown = await form("A".repeat(43));
    expect(unknown.statusCode).toBe(410);
    expect(errorOf(unknown).code).toBe("UPDATE_REQUEST_GONE");
    expect((await answer("B".repeat(43), { action: "confirm" })).statusCode).toBe(410);
    expect((await form("not*a*token")).statusCode).toBe(400);
  });

  it("a change that needs no review is recorded at once", async () => {
    const created = await campaign({ ags: [CHEMNITZ], validDays: 14 });
    const res = await answer(linkFor(created, CHEMNITZ), {
      action: "change",
      event: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2026-10-01", note: "Beschluss zur Erarbeitung" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = updateRequestAnswerResultSchema.parse(res.json());
    expect(result).toMatchObject({ outcome: "recorded", event: { status: "drafting", source: "municipality", effectiveDate: "2026-10-01" } });
    expect((await history(CHEMNITZ)).at(-1)?.status).toBe("drafting");
  });

  it("validation errors name body.event.*, and leave the link usable", async () => {
    const created = await campaign({ ags: [FLOEHA], validDays: 14 });
    const token = linkFor(created, FLOEHA);
    const versionOf = async () => (await t.app.inject({ url: `/api/municipalities/${FLOEHA}` })).json<{ version: number }>().version;
    const versionBefore = await versionOf();
    const shape = await answer(token, { action: "change", event: { type: "status" } });
    expect(shape.statusCode).toBe(400);
    expect(errorOf(shape).issues?.map((i) => i.path)).toContain("body.event.status");
    const extra = await answer(token, { action: "change", event: { type: "confirmation", source: "smr" } });
    expect(extra.statusCode).toBe(400);
    // A link never corrects an earlier event (which may be SMR's recognition): supersedes is no field of it.
    const correction = await answer(token, { action: "change", event: { type: "status", status: "none", supersedes: 1 } });
    expect(correction.statusCode).toBe(400);

    const rule = await answer(token, { action: "change", event: { type: "status", status: "council_adopted", conceptKind: "INSEK" } });
    expect(rule.statusCode).toBe(422);
    expect(errorOf(rule)).toMatchObject({ code: "COUNCIL_RESOLUTION_REQUIRED", issues: [{ path: "body.event.councilResolutionDate" }] });
    const future = await answer(token, { action: "change", event: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2027-01-01" } });
    expect(future.statusCode).toBe(422);
    expect(errorOf(future).issues?.[0]?.path).toBe("body.event.effectiveDate");
    const funding = await answer(token, { action: "change", event: { type: "status", status: "funding_eligible" } });
    expect(funding.statusCode).toBe(422);
    expect(errorOf(funding).code).toBe("FUNDING_ELIGIBLE_BY_SMR_ONLY");

    // Nothing was written, not even a version claim (the proposal that waits for review, an adoption, is
    // checked by the pure rule check, checkEvent, not by a write that is rolled back), and the link still works.
    expect(await history(FLOEHA)).toHaveLength(0);
    expect(await versionOf()).toBe(versionBefore);
    const ok = await answer(token, { action: "confirm" });
    expect(ok.statusCode).toBe(200);
  });

  it("the token is no credential for anything else, and touches only its own municipality", async () => {
    const created = await campaign({ ags: [JAHNATAL], validDays: 14 });
    const token = linkFor(created, JAHNATAL);
    const bearer = { authorization: `Bearer ${token}` };
    const elsewhere = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${DOEBELN}/events`,
      headers: { ...bearer, "if-match": `"${await version(DOEBELN)}"` },
      payload: { type: "confirmation" },
    });
    expect(elsewhere.statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/update-requests", headers: bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/update-requests/by-token/${token}/../../municipalities/${DOEBELN}` })).statusCode).not.toBe(200);

    const ostrauBefore = await version(DOEBELN);
    const res = await answer(token, { action: "change", event: { type: "status", status: "drafting", conceptKind: "INGEKO" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(updateRequestAnswerResultSchema.parse(res.json()).event?.ags).toBe(JAHNATAL);
    expect(await version(DOEBELN)).toBe(ostrauBefore);
    // The body cannot name another municipality.
    const other = await campaign({ ags: [JAHNATAL], validDays: 14 });
    const named = await answer(linkFor(other, JAHNATAL), { action: "confirm", ags: DOEBELN });
    expect(named.statusCode).toBe(400);
  });

  it("a signed-in browser session needs no CSRF token to answer (the link is the proof)", async () => {
    const created = await campaign({ ags: [DRESDEN], validDays: 14 });
    const user = await addAccount(t.app.deps.database.db, { email: "browser@dresden.example", role: "municipality", ags: [DRESDEN], password: null });
    const session = await sessionFor(t.app, user.id);
    const res = await answer(linkFor(created, DRESDEN), { action: "confirm" }, { cookie: session.cookie ?? "" });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("two simultaneous answers with one token: exactly one succeeds", async () => {
    const created = await campaign({ ags: [LEIPZIG], validDays: 14 });
    const token = linkFor(created, LEIPZIG);
    const before = (await history(LEIPZIG)).length;
    const results = await Promise.all([
      answer(token, { action: "confirm" }),
      answer(token, { action: "change", event: { type: "status", status: "drafting", conceptKind: "INSEK" } }),
      answer(token, { action: "confirm" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
    expect(await history(LEIPZIG)).toHaveLength(before + 1);
  });
});

describe("answers that wait for review", () => {
  async function pendingAnswer(ags: string, event: Record<string, unknown>) {
    const created = await campaign({ ags: [ags], validDays: 14 });
    const res = await answer(linkFor(created, ags), { action: "change", event });
    expect(res.statusCode, res.body).toBe(200);
    expect(updateRequestAnswerResultSchema.parse(res.json())).toEqual({ outcome: "pending_review", event: null });
    const id = created.requests[0]?.id ?? 0;
    return { id, campaignId: created.campaign.id };
  }

  const adoption = { type: "status", status: "council_adopted", conceptKind: "INSEK", councilResolutionDate: "2026-09-10", effectiveDate: "2026-09-10" };

  it("an adoption is kept as a proposal; the advisor of the municipality sees it, accepts it, and a second review is refused", async () => {
    const before = await version(DOEBELN);
    const { id, campaignId } = await pendingAnswer(DOEBELN, adoption);
    expect(await version(DOEBELN)).toBe(before);

    const pending = updateRequestListSchema.parse((await t.app.inject({ url: "/api/update-requests/pending", headers: advisor })).json()).items;
    expect(pending.find((p) => p.id === id)).toMatchObject({ review: "pending", response: "change", proposedEvent: adoption, eventId: null });
    // Beside the proposal: today's record, as the municipality page shows it, to compare field by field (issue 17).
    const detail = municipalityDetailSchema.parse((await t.app.inject({ url: `/api/municipalities/${DOEBELN}`, headers: smr })).json());
    expect(pending.find((p) => p.id === id)?.current).toEqual({ record: detail.record, note: null });
    const foreign = updateRequestListSchema.parse((await t.app.inject({ url: "/api/update-requests/pending", headers: otherAdvisor })).json()).items;
    expect(foreign.some((p) => p.id === id)).toBe(false);
    const list = campaignListSchema.parse((await t.app.inject({ url: "/api/update-requests", headers: smr })).json()).items;
    // Answered implies opened: the funnel never shows more answers than openings.
    expect(list.find((c) => c.id === campaignId)?.counts).toMatchObject({ opened: 1, answered: 1, pendingReview: 1 });

    const review = (headers: Record<string, string>, body: unknown) =>
      t.app.inject({ method: "POST", url: `/api/update-requests/${id}/review`, headers, payload: body as object });
    expect((await review(otherAdvisor, { decision: "accept" })).statusCode).toBe(403);
    expect((await review(municipalityUser, { decision: "accept" })).statusCode).toBe(403);

    const accepted = await review(advisor, { decision: "accept", note: "Beschluss liegt vor." });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { event, request } = updateRequestReviewResultSchema.parse(accepted.json());
    expect(event).toMatchObject({ status: "council_adopted", source: "municipality", recordedBy: "berater" });
    // The reviewer's account, the channel of the review (an API token here), and the update request behind it.
    expect(await storedRecordedBy(t.app.deps.database.db, event?.id ?? 0)).toMatchObject({ email: expect.stringMatching(/^berater@/) as unknown, via: "api_token", updateRequestId: id });
    expect(request).toMatchObject({ review: "accepted", eventId: event?.id });
    expect((await history(DOEBELN)).at(-1)?.id).toBe(event?.id);

    for (const decision of ["accept", "reject"]) {
      const again = await review(smr, { decision });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe("REVIEW_NOT_PENDING");
    }
    const audits = (await auditRows("update_request.review.accepted")).filter((e) => e.details?.updateRequestId === id);
    expect(audits).toEqual([expect.objectContaining({ actor_label: "berater@test.example", target: `municipality:${DOEBELN}` })]);
  });

  it("reject stores the decision and records nothing", async () => {
    const before = await version(FLOEHA);
    const { id } = await pendingAnswer(FLOEHA, adoption);
    const res = await t.app.inject({ method: "POST", url: `/api/update-requests/${id}/review`, headers: smr, payload: { decision: "reject", note: "Kein Beschluss bekannt." } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ event: null, request: { review: "rejected", eventId: null } });
    expect(await version(FLOEHA)).toBe(before);
    const stored = await rows<{ review_note: string; reviewed_by: string | null }>(sql`select review_note, reviewed_by::text from update_requests where id = ${id}`);
    expect(stored[0]?.review_note).toBe("Kein Beschluss bekannt.");
    expect((await auditRows("update_request.review.rejected")).some((e) => e.details?.updateRequestId === id)).toBe(true);
  });

  it("accepting a proposal the record has moved past answers 422 and keeps it pending", async () => {
    const { id } = await pendingAnswer(DRESDEN, adoption);
    // Meanwhile SMR records the adoption itself.
    const direct = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${DRESDEN}/events`,
      headers: { ...smr, "if-match": `"${await version(DRESDEN)}"` },
      payload: adoption,
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const res = await t.app.inject({ method: "POST", url: `/api/update-requests/${id}/review`, headers: smr, payload: { decision: "accept" } });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: "INVALID_TRANSITION", issues: [{ path: "proposedEvent.status" }] });
    const pending = updateRequestListSchema.parse((await t.app.inject({ url: "/api/update-requests/pending", headers: smr })).json()).items;
    expect(pending.some((p) => p.id === id)).toBe(true);
    const reject = await t.app.inject({ method: "POST", url: `/api/update-requests/${id}/review`, headers: smr, payload: { decision: "reject" } });
    expect(reject.statusCode).toBe(200);
  });

  it("a request without a pending answer cannot be reviewed; an unknown one is 404", async () => {
    const created = await campaign({ ags: [CHEMNITZ], validDays: 14 });
    const res = await t.app.inject({ method: "POST", url: `/api/update-requests/${created.requests[0]?.id ?? 0}/review`, headers: smr, payload: { decision: "accept" } });
    expect(res.statusCode).toBe(409);
    const missing = await t.app.inject({ method: "POST", url: "/api/update-requests/999999/review", headers: smr, payload: { decision: "accept" } });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe("UPDATE_REQUEST_NOT_FOUND");
  });
});

describe("the outbox by hand", () => {
  it("marks a held message sent once, audited", async () => {
    const created = await campaign({ ags: [LEIPZIG], validDays: 14 });
    const items = outboxListSchema.parse((await t.app.inject({ url: "/api/outbox?state=held", headers: smr })).json()).items;
    const message = items.find((m) => m.updateRequestId === created.requests[0]?.id);
    expect(message?.recipients).toEqual([]);
    const mark = () => t.app.inject({ method: "POST", url: `/api/outbox/${message?.id ?? 0}/sent`, headers: smr });
    const first = await mark();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: "sent", sentAt: time.clock().toISOString() });
    expect((await mark()).statusCode).toBe(409);
    // Another advisor's campaign is not theirs to mark.
    const byAdvisor = await t.app.inject({ method: "POST", url: `/api/outbox/${message?.id ?? 0}/sent`, headers: advisor });
    expect(byAdvisor.statusCode).toBe(404);
    expect((await auditRows("outbox.message.sent_by_hand")).some((e) => e.target === `outbox_message:${message?.id ?? 0}`)).toBe(true);
  });
});

describe("expiry", () => {
  it("a link lapses after validDays: 410 for reading and answering, counted as expired", async () => {
    const created = await campaign({ ags: [CHEMNITZ, LEIPZIG], validDays: 2 });
    const token = linkFor(created, CHEMNITZ);
    expect((await form(token)).statusCode).toBe(200);
    time.advance(2 * DAY - 60_000);
    expect((await form(linkFor(created, LEIPZIG))).statusCode).toBe(200);
    time.advance(60_000);
    for (const res of [await form(token), await answer(token, { action: "confirm" })]) {
      expect(res.statusCode).toBe(410);
      expect(errorOf(res)).toMatchObject({ code: "UPDATE_REQUEST_GONE", message: "This link has expired" });
    }
    const list = campaignListSchema.parse((await t.app.inject({ url: "/api/update-requests", headers: smr })).json()).items;
    expect(list.find((c) => c.id === created.campaign.id)?.counts).toMatchObject({ requests: 2, expired: 2, opened: 0, sent: 0, held: 2 });
  });
});

describe("mail settings", () => {
  it("reads SMTP_URL, MAIL_FROM and the retry bounds, and refuses malformed ones", () => {
    expect(mailSettingsFromEnv(loadEnv({}))).toEqual({
      smtpUrl: undefined,
      from: "INSEK-Monitor Sachsen <insek-monitor@localhost>",
      maxAttempts: 5,
      retryIntervalMs: 60_000,
    });
    const env = loadEnv({
      SMTP_URL: "smtps://user:pa%24s@mail.example.org:465",
      MAIL_FROM: "INSEK <insek@example.org>",
      MAIL_MAX_ATTEMPTS: "3",
      MAIL_RETRY_SECONDS: "30",
    });
    expect(mailSettingsFromEnv(env)).toEqual({
      smtpUrl: "smtps://user:pa%24s@mail.example.org:465",
      from: "INSEK <insek@example.org>",
      maxAttempts: 3,
      retryIntervalMs: 30_000,
    });
    expect(() => loadEnv({ SMTP_URL: "http://mail.example.org" })).toThrow(EnvError);
    expect(() => loadEnv({ MAIL_MAX_ATTEMPTS: "0" })).toThrow(EnvError);
  });

  it("links start with PUBLIC_URL when it is set", async () => {
    const other = await createTestApp({ seeded: true });
    try {
      const db = other.app.deps.database.db;
      const user = await addAccount(db, { email: "smr2@test.example", role: "smr", password: null });
      const headers = (await bearerFor(other.app, user.id)).headers;
      // Built like the test app, with mail settings (PUBLIC_URL with a trailing slash).
      const { buildApp } = await import("../src/app.js");
      const app = await buildApp({ database: other.database, clock: time.clock, publicUrl: "https://insek.example.org/" });
      try {
        const res = await app.inject({ method: "POST", url: "/api/update-requests", headers, payload: { ags: [DRESDEN], validDays: 3 } });
        expect(res.statusCode, res.body).toBe(201);
        expect(updateRequestCreatedSchema.parse(res.json()).requests[0]?.link).toMatch(/^https:\/\/insek\.example\.org\/aktualisieren\/[A-Za-z0-9_-]{43}$/);
      } finally {
        await app.close();
      }
    } finally {
      await other.close();
    }
  });
});

