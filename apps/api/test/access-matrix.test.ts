import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { ACCESS_RULES, type AccessRule } from "../src/lib/access.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { markReauthenticated } from "../src/modules/accounts/credentials.repo.js";
import { secretHash } from "../src/modules/accounts/secrets.js";
import { type Credentials, addAccount, assign, bearerFor, sessionFor } from "./helpers/accounts.js";
import { createTestApp, fixedClock } from "./helpers/test-app.js";

/**
 * The authorisation matrix: every route the app has (read from its own route table, so a new route is
 * covered the moment it exists) x every kind of caller, asserting exactly the allowed outcome. Each rule
 * is also exercised by a probe route, so a rule no production route uses yet is proven all the same.
 */

const TARGET_AGS = "14627060"; // Großenhain, Landkreis Meißen
const OTHER_AGS = "14612000"; // Dresden
const ASSOCIATION_KEY = "146275238"; // VG Schönfeld, Landkreis Meißen

const PERSONAS = [
  "anonymous, public access on",
  "anonymous, public access off",
  "smr",
  "smr admin",
  "smr admin, password confirmed",
  "advisor in scope",
  "advisor out of scope",
  "advisor with expired assignment",
  "municipality, own AGS",
  "municipality, other AGS",
  "disabled account",
  "API token (advisor in scope)",
] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = "allowed" | 401 | 403;

const ALL_SIGNED_IN: Persona[] = PERSONAS.filter((p) => !p.startsWith("anonymous") && p !== "disabled account");

/** The expected outcome, written out per rule independently of the implementation. */
function expected(rule: AccessRule, persona: Persona): Outcome {
  const allowedFor = (personas: Persona[]): Outcome => {
    if (personas.includes(persona)) return "allowed";
    return persona.startsWith("anonymous") || persona === "disabled account" ? 401 : 403;
  };
  switch (rule) {
    case "public":
      return "allowed";
    case "read":
      return allowedFor(["anonymous, public access on", ...ALL_SIGNED_IN]);
    case "signedIn":
      return allowedFor(ALL_SIGNED_IN);
    case "session":
      return allowedFor(ALL_SIGNED_IN.filter((p) => p !== "API token (advisor in scope)"));
    case "staff":
      return allowedFor(ALL_SIGNED_IN.filter((p) => !p.startsWith("municipality")));
    case "smr":
      return allowedFor(["smr", "smr admin", "smr admin, password confirmed"]);
    case "smrAdmin":
      return allowedFor(["smr admin", "smr admin, password confirmed"]);
    case "accountAdmin":
      // An administrator's session needs the password confirmed recently; without that, 403 as well.
      return allowedFor(["smr admin, password confirmed"]);
    case "write:municipality":
      return allowedFor([
        "smr",
        "smr admin",
        "smr admin, password confirmed",
        "advisor in scope",
        "municipality, own AGS",
        "API token (advisor in scope)",
      ]);
    default:
      throw new Error(`The matrix does not know the rule ${String(rule)}: add its expected outcomes`);
  }
}

/**
 * Routes whose handler narrows their rule by the data a request names (said in their OpenAPI
 * description): the outcome per persona where it differs from the rule's.
 */
const NARROWED: Record<string, Partial<Record<Persona, Outcome>>> = {
  // signedIn, but a municipality account reads the consultations of its own municipalities only.
  "GET /api/municipalities/:ags/consultations": { "municipality, other AGS": 403 },
};

const t = await createTestApp();
const { app, database } = t;
for (const rule of ACCESS_RULES) {
  const slug = rule.replace(/[^a-z]/gi, "-");
  const config = { access: rule };
  app.get(`/api/__matrix/:ags/${slug}`, { config }, () => ({ ok: true }));
  app.post(`/api/__matrix/:ags/${slug}`, { config }, (_request, reply) => reply.status(204).send());
}
await app.ready();
const routes = app.routeAccess
  .entries()
  .filter((r) => r.method !== "HEAD")
  .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));

const users = {
  smr: await addAccount(database.db, { email: "smr@test.example", role: "smr" }),
  smrAdmin: await addAccount(database.db, { email: "admin@test.example", role: "smr", admin: true }),
  advisorIn: await addAccount(database.db, { email: "advisor-in@test.example", role: "advisor" }),
  advisorOut: await addAccount(database.db, { email: "advisor-out@test.example", role: "advisor" }),
  advisorExpired: await addAccount(database.db, { email: "advisor-old@test.example", role: "advisor" }),
  municipalityOwn: await addAccount(database.db, { email: "own@test.example", role: "municipality", ags: [TARGET_AGS] }),
  municipalityOther: await addAccount(database.db, { email: "other@test.example", role: "municipality", ags: [OTHER_AGS] }),
  disabled: await addAccount(database.db, { email: "disabled@test.example", role: "smr", admin: true, disabled: true }),
};
await assign(database.db, users.advisorIn.id, [TARGET_AGS], "2024-03-01");
await assign(database.db, users.advisorOut.id, [OTHER_AGS], "2024-03-01");
await assign(database.db, users.advisorExpired.id, [TARGET_AGS], "2024-03-01", "2026-01-01");
const advisorToken = await bearerFor(app, users.advisorIn.id);

/** Fresh credentials for every request: a route such as logout ends the session it is called with. */
async function credentialsOf(persona: Persona): Promise<Credentials> {
  switch (persona) {
    case "anonymous, public access on":
    case "anonymous, public access off":
      return { headers: {} };
    case "API token (advisor in scope)":
      return advisorToken;
    case "smr":
      return sessionFor(app, users.smr.id);
    case "smr admin":
      return sessionFor(app, users.smrAdmin.id);
    case "smr admin, password confirmed": {
      const credentials = await sessionFor(app, users.smrAdmin.id);
      const token = credentials.cookie?.slice("insek_session=".length) ?? "";
      await markReauthenticated(database.db, secretHash(token), fixedClock());
      return credentials;
    }
    case "advisor in scope":
      return sessionFor(app, users.advisorIn.id);
    case "advisor out of scope":
      return sessionFor(app, users.advisorOut.id);
    case "advisor with expired assignment":
      return sessionFor(app, users.advisorExpired.id);
    case "municipality, own AGS":
      return sessionFor(app, users.municipalityOwn.id);
    case "municipality, other AGS":
      return sessionFor(app, users.municipalityOther.id);
    case "disabled account":
      return sessionFor(app, users.disabled.id);
  }
}

function concreteUrl(url: string): string {
  return url
    .replace(":ags", TARGET_AGS)
    .replace(":key", ASSOCIATION_KEY)
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace("*", "x");
}

function outcomeOf(status: number): Outcome {
  return status === 401 ? 401 : status === 403 ? 403 : "allowed";
}

afterAll(async () => {
  await t.close();
});

describe("authorisation matrix", () => {
  it("covers every rule, and every route declares one", () => {
    expect(routes.length).toBeGreaterThan(20);
    // Associations (issue 14) read like the registry.
    expect(routes.filter((r) => r.url.startsWith("/api/associations")).map((r) => `${r.method} ${r.url} ${r.access}`)).toEqual([
      "GET /api/associations read",
      "GET /api/associations/:key read",
    ]);
    // The advisory workflows (issue 17): staff keep contacts and read the advisors; only SMR removes assignments.
    const workflows = [
      "GET /api/advisors",
      "POST /api/assignments/remove",
      "GET /api/municipality-contacts",
      "PUT /api/municipalities/:ags/contact",
      "DELETE /api/municipalities/:ags/contact",
      "POST /api/import/municipality-contacts",
      "POST /api/update-requests/preview",
      "GET /api/export/outbox.csv",
    ];
    expect(routes.filter((r) => workflows.includes(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual(
      [
        "GET /api/advisors staff",
        "POST /api/assignments/remove smr",
        "GET /api/municipality-contacts staff",
        "PUT /api/municipalities/:ags/contact staff",
        "DELETE /api/municipalities/:ags/contact staff",
        "POST /api/import/municipality-contacts staff",
        "POST /api/update-requests/preview staff",
        "GET /api/export/outbox.csv staff",
      ].sort(),
    );
    // Concepts (issue 14): read like the registry; created by staff; changed by whoever the service's scope check lets.
    expect(
      routes.filter((r) => r.url.startsWith("/api/concepts") || r.url.startsWith("/api/documents")).map((r) => `${r.method} ${r.url} ${r.access}`),
    ).toEqual([
      "GET /api/concepts read",
      "POST /api/concepts staff",
      "GET /api/concepts/:id read",
      "PATCH /api/concepts/:id signedIn",
      "POST /api/concepts/:id/documents signedIn",
      "POST /api/concepts/:id/resolutions signedIn",
      "GET /api/documents/:id read",
    ]);
    // Funding (issue 15): read like the registry; measures written by staff; programmes by SMR administrators.
    const funding = (r: { url: string }) =>
      r.url.startsWith("/api/programmes") || r.url.startsWith("/api/measures") || r.url === "/api/municipalities/eligible-without-concept" || r.url === "/api/stats/funding";
    expect(routes.filter(funding).map((r) => `${r.method} ${r.url} ${r.access}`)).toEqual([
      "GET /api/measures read",
      "POST /api/measures staff",
      "DELETE /api/measures/:id staff",
      "GET /api/measures/:id read",
      "PATCH /api/measures/:id staff",
      "GET /api/measures/at-risk read",
      "POST /api/measures/import staff",
      "GET /api/municipalities/eligible-without-concept read",
      "GET /api/programmes read",
      "POST /api/programmes smrAdmin",
      "PATCH /api/programmes/:id smrAdmin",
      "GET /api/stats/funding read",
    ]);
    for (const rule of ACCESS_RULES) expect(routes.some((r) => r.access === rule)).toBe(true);
    for (const route of routes) expect(ACCESS_RULES).toContain(route.access);
  });

  describe.each(routes)("$method $url ($access)", (route) => {
    it("answers every kind of caller exactly as its rule says", async () => {
      const table: Record<string, { expected: Outcome; got: Outcome; status: number }> = {};
      for (const publicAccess of [false, true]) {
        await writePublicAccess(database.db, publicAccess, fixedClock());
        for (const persona of PERSONAS) {
          if ((persona === "anonymous, public access on") !== publicAccess) continue;
          const credentials = await credentialsOf(persona);
          const withBody = ["POST", "PUT", "PATCH"].includes(route.method);
          const res = await app.inject({
            method: route.method as "GET",
            url: concreteUrl(route.url),
            headers: { ...credentials.headers, ...(withBody ? { "content-type": "application/json" } : {}) },
            ...(withBody ? { payload: "{}" } : {}),
          });
          expect(res.statusCode, `${persona}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          const narrowed = NARROWED[`${route.method} ${route.url}`]?.[persona];
          table[persona] = { expected: narrowed ?? expected(route.access, persona), got: outcomeOf(res.statusCode), status: res.statusCode };
        }
      }
      const mismatches = Object.entries(table).filter(([, v]) => v.expected !== v.got);
      expect(mismatches, JSON.stringify(table, null, 2)).toEqual([]);
    });
  });
});

describe("a route without an access rule", () => {
  let broken: Awaited<ReturnType<typeof buildApp>> | undefined;
  beforeAll(async () => {
    broken = await buildApp({ database, clock: fixedClock });
  });
  afterAll(async () => {
    await broken?.close().catch(() => undefined);
  });

  it("makes app.ready() fail, naming the route", async () => {
    broken?.get("/api/__undeclared", () => ({}));
    broken?.post("/api/__misdeclared/:id", { config: { access: "write:municipality" } }, () => ({}));
    await expect(broken?.ready()).rejects.toThrow(/GET \/api\/__undeclared: no access rule[\s\S]*POST \/api\/__misdeclared\/:id: write:municipality needs an :ags/);
  });
});

describe("update-request campaigns are scoped like the outbox (issue 20)", () => {
  it("an advisor sees the campaigns they created and the requests to their municipalities, never another advisor's campaign", async () => {
    const create = async (credentials: Credentials, ags: string[]) => {
      const res = await app.inject({ method: "POST", url: "/api/update-requests", headers: credentials.headers, payload: { ags, validDays: 7 } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ campaign: { id: number } }>().campaign.id;
    };
    // A: by the advisor in scope, to their municipality. B: by SMR, to both municipalities.
    const a = await create(advisorToken, [TARGET_AGS]);
    const b = await create(await sessionFor(app, users.smr.id), [TARGET_AGS, OTHER_AGS]);
    const listed = async (persona: Persona) => {
      const res = await app.inject({ url: "/api/update-requests", headers: (await credentialsOf(persona)).headers });
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { id: number; counts: { requests: number } }[] }>().items;
      return Object.fromEntries(items.filter((c) => c.id === a || c.id === b).map((c) => [c.id === a ? "A" : "B", c.counts.requests]));
    };
    const detail = async (persona: Persona, id: number) => {
      const res = await app.inject({ url: `/api/update-requests/campaigns/${id}`, headers: (await credentialsOf(persona)).headers });
      return res.statusCode === 200 ? res.json<{ items: { ags: string }[] }>().items.map((r) => r.ags).sort() : res.statusCode;
    };

    expect(await listed("smr")).toEqual({ A: 1, B: 2 });
    expect(await detail("smr", b)).toEqual([TARGET_AGS, OTHER_AGS].sort());
    expect(await listed("advisor in scope")).toEqual({ A: 1, B: 1 });
    expect(await detail("advisor in scope", a)).toEqual([TARGET_AGS]);
    expect(await detail("advisor in scope", b)).toEqual([TARGET_AGS]);
    // Dresden's advisor: SMR's campaign with Dresden's request only; the other advisor's campaign does not exist for them.
    expect(await listed("advisor out of scope")).toEqual({ B: 1 });
    expect(await detail("advisor out of scope", b)).toEqual([OTHER_AGS]);
    expect(await detail("advisor out of scope", a)).toBe(404);
    expect(await listed("advisor with expired assignment")).toEqual({});
    expect(await detail("advisor with expired assignment", a)).toBe(404);
    expect(await detail("advisor with expired assignment", b)).toBe(404);
  });
});

describe("concepts are written within each account's scope (issue 14)", () => {
  const SECOND_AGS = "14627010"; // a neighbour in Landkreis Meißen, assigned to no one here
  const smrOnly: Persona[] = ["smr", "smr admin", "smr admin, password confirmed"];
  const inScope: Persona[] = [...smrOnly, "advisor in scope", "API token (advisor in scope)"];
  const outcome = (allowed: Persona[], persona: Persona): Outcome =>
    allowed.includes(persona) ? "allowed" : persona.startsWith("anonymous") || persona === "disabled account" ? 401 : 403;

  async function conceptFor(members: string[]): Promise<{ id: number; version: number }> {
    const res = await app.inject({
      method: "POST",
      url: "/api/concepts",
      headers: (await sessionFor(app, users.smr.id)).headers,
      payload: { title: `Konzept ${randomUUID()}`, kind: "INSEK", scope: members.length > 1 ? "joint" : "municipal", members },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; version: number }>();
  }

  async function table(request: (persona: Persona, credentials: Credentials) => Promise<{ statusCode: number; body: string }>, allowed: (p: Persona) => Outcome) {
    const rows: Record<string, { expected: Outcome; got: Outcome; status: number }> = {};
    for (const publicAccess of [false, true]) {
      await writePublicAccess(database.db, publicAccess, fixedClock());
      for (const persona of PERSONAS) {
        if ((persona === "anonymous, public access on") !== publicAccess) continue;
        const res = await request(persona, await credentialsOf(persona));
        expect(res.statusCode, `${persona}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        rows[persona] = { expected: allowed(persona), got: outcomeOf(res.statusCode), status: res.statusCode };
      }
    }
    const mismatches = Object.entries(rows).filter(([, v]) => v.expected !== v.got);
    expect(mismatches, JSON.stringify(rows, null, 2)).toEqual([]);
    return rows;
  }

  it("creates: SMR, and an advisor for municipalities assigned to them; never a municipality", async () => {
    const rows = await table(
      (_persona, credentials) =>
        app.inject({ method: "POST", url: "/api/concepts", headers: credentials.headers, payload: { title: "Neu", kind: "INSEK", scope: "municipal", members: [TARGET_AGS] } }),
      (p) => outcome(inScope, p),
    );
    expect(rows["municipality, own AGS"]?.status).toBe(403);
    expect(rows.smr?.status).toBe(201);
  });

  it("changes (PATCH, documents): SMR, an advisor assigned to every member, a member municipality", async () => {
    const concept = await conceptFor([TARGET_AGS]);
    const editors: Persona[] = [...inScope, "municipality, own AGS"];
    await table(async (_persona, credentials) => {
      const current = (await app.inject({ url: `/api/concepts/${concept.id}`, headers: (await sessionFor(app, users.smr.id)).headers })).json<{ version: number }>();
      return app.inject({ method: "PATCH", url: `/api/concepts/${concept.id}`, headers: { ...credentials.headers, "if-match": `"${current.version}"` }, payload: { note: "geändert" } });
    }, (p) => outcome(editors, p));
    await table(
      (_persona, credentials) =>
        app.inject({ method: "POST", url: `/api/concepts/${concept.id}/documents`, headers: credentials.headers, payload: { url: "https://example.org/insek.pdf" } }),
      (p) => outcome(editors, p),
    );
    // A joint concept with a municipality not assigned to the advisor: only SMR and the member municipality.
    const joint = await conceptFor([TARGET_AGS, SECOND_AGS]);
    await table(
      (_persona, credentials) =>
        app.inject({ method: "POST", url: `/api/concepts/${joint.id}/documents`, headers: credentials.headers, payload: { url: "https://example.org/rek.pdf" } }),
      (p) => outcome([...smrOnly, "municipality, own AGS"], p),
    );
  });

  it("records a member's resolution: whoever may write that member's record", async () => {
    const concept = await conceptFor([TARGET_AGS]);
    await table(
      (_persona, credentials) =>
        app.inject({ method: "POST", url: `/api/concepts/${concept.id}/resolutions`, headers: credentials.headers, payload: { ags: TARGET_AGS, date: "2026-02-01" } }),
      (p) => outcome([...inScope, "municipality, own AGS"], p),
    );
  });

  it("reads: anonymous only with public access on, and without people's names", async () => {
    const concept = await conceptFor([TARGET_AGS]);
    const rows = await table(
      (_persona, credentials) => app.inject({ url: `/api/concepts/${concept.id}`, headers: credentials.headers }),
      (p) => outcome(["anonymous, public access on", ...ALL_SIGNED_IN], p),
    );
    expect(rows["anonymous, public access on"]?.status).toBe(200);
    await writePublicAccess(database.db, true, fixedClock());
    const anonymous = await app.inject({ url: `/api/concepts/${concept.id}` });
    expect(anonymous.json<{ createdBy: string | null }>().createdBy).toBeNull();
    const signedIn = await app.inject({ url: `/api/concepts/${concept.id}`, headers: (await sessionFor(app, users.advisorIn.id)).headers });
    expect(signedIn.json<{ createdBy: string | null }>().createdBy).toBe("smr");
  });
});

describe("measures: public while public access is on, internal notes for staff only (issue 15)", () => {
  it("answers each caller with what it may see", async () => {
    const smrCredentials = await sessionFor(app, users.smr.id);
    const created = await app.inject({
      method: "POST",
      url: "/api/measures",
      headers: smrCredentials.headers,
      payload: { ags: TARGET_AGS, programmeId: "lebendige-zentren", name: "Innenstadt", startYear: 2021, state: "running", noteInternal: "intern", amounts: [{ year: 2021, federal: 1000 }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const seen = async (persona: Persona) => {
      const res = await app.inject({ url: `/api/measures/${id}`, headers: (await credentialsOf(persona)).headers });
      return res.statusCode === 200 ? [res.json<{ noteInternal: string | null }>().noteInternal, res.json<{ amounts: unknown[] }>().amounts.length] : res.statusCode;
    };
    await writePublicAccess(database.db, false, fixedClock());
    expect(await seen("anonymous, public access off")).toBe(401);
    await writePublicAccess(database.db, true, fixedClock());
    expect(await seen("anonymous, public access on")).toEqual([null, 1]);
    expect(await seen("municipality, own AGS")).toEqual([null, 1]);
    expect(await seen("municipality, other AGS")).toEqual([null, 1]);
    expect(await seen("smr")).toEqual(["intern", 1]);
    expect(await seen("advisor in scope")).toEqual(["intern", 1]);
    expect(await seen("advisor out of scope")).toEqual(["intern", 1]);
    // FS INGE records measures statewide, not only for the municipalities assigned to them (decision 0032).
    const byOther = await app.inject({
      method: "POST",
      url: "/api/measures",
      headers: (await credentialsOf("advisor out of scope")).headers,
      payload: { ags: TARGET_AGS, programmeId: "lebendige-zentren", name: "Bahnhofsumfeld", startYear: 2022, state: "paused" },
    });
    expect(byOther.statusCode, byOther.body).toBe(201);
  });
});
