import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./helpers/server-process.js";

/**
 * The production server as operators run it: JSON log lines with request ids and without secrets,
 * Prometheus metrics, graceful shutdown. Needs the built server (dist/server.js).
 */
let env: Record<string, string>;
let dataDir: string | undefined;
let database: TestDatabase | undefined;

beforeAll(async () => {
  if (testDbKind() === "postgres") {
    database = await createTestDatabase({ seeded: true });
    env = { DATABASE_URL: database.url ?? "" };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "insek-ops-"));
    env = { DATA_DIR: dataDir, SEED_DEMO_DATA: "false" };
  }
});
afterAll(async () => {
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  [key: string]: unknown;
}

describe("structured logs", () => {
  it("writes one JSON object per stdout line; each line of a request carries its id; no secret is logged", async () => {
    const server = await startServer({ ...env, LOG_LEVEL: "info", METRICS_TOKEN: "metrics-secret-0123456789" });
    const secrets = {
      cookie: "cookie-secret-4f1c9a",
      bearer: "bearer-secret-77ab31",
      pathToken: "link-secret-9d0e2c55",
      queryToken: "query-secret-b81f06",
      pageToken: "page-secret-3a7e19",
      metrics: "metrics-secret-0123456789",
    };
    try {
      const traced = await fetch(`${server.url}/api/stats/summary`, {
        headers: { "x-request-id": "trace-ops-1", cookie: `insek_session=${secrets.cookie}` },
      });
      expect(traced.headers.get("x-request-id")).toBe("trace-ops-1");
      await traced.arrayBuffer();
      await (await fetch(`${server.url}/api/municipalities?limit=1`, { headers: { "x-request-id": "trace-ops-2", authorization: `Bearer ${secrets.bearer}` } })).arrayBuffer();
      await (await fetch(`${server.url}/api/update-requests/by-token/${secrets.pathToken}?x=1`, { headers: { "x-request-id": "trace-ops-3" } })).arrayBuffer();
      await (await fetch(`${server.url}/api/municipalities?token=${secrets.queryToken}&limit=1`, { headers: { "x-request-id": "trace-ops-4" } })).arrayBuffer();
      await (await fetch(`${server.url}/aktualisieren/${secrets.pageToken}`, { headers: { "x-request-id": "trace-ops-5" } })).arrayBuffer();
      const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${secrets.metrics}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('http_requests_total{method="GET",route="/api/stats/summary"');
      const untraced = await fetch(`${server.url}/health/live`);
      const generatedId = untraced.headers.get("x-request-id") ?? "";
      expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
      await untraced.arrayBuffer();
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const stdout = server.stdout();
    const lines = stdout.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThan(6);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
    });
    for (const line of parsed) {
      expect(typeof line.level).toBe("number");
      expect(typeof line.time).toBe("number");
      // Every line about a request names it.
      if (line.req !== undefined || line.res !== undefined) expect(line.reqId, JSON.stringify(line)).toBeTruthy();
    }
    // One line per request (decision 0026): its id, method, URL, status and duration.
    for (const id of ["trace-ops-1", "trace-ops-2", "trace-ops-3", "trace-ops-4"]) {
      const own = parsed.filter((l) => l.reqId === id && l.msg === "request completed");
      expect(own, id).toHaveLength(1);
      expect(own[0]?.req?.method).toBe("GET");
      expect(typeof own[0]?.res?.statusCode).toBe("number");
      expect(typeof own[0]?.responseTime).toBe("number");
    }
    const linkLine = parsed.find((l) => l.reqId === "trace-ops-3" && l.req !== undefined);
    expect(linkLine?.req?.url).toBe("/api/update-requests/by-token/[redacted]?x=1");
    const queryLine = parsed.find((l) => l.reqId === "trace-ops-4" && l.req !== undefined);
    expect(queryLine?.req?.url).toBe("/api/municipalities?token=[redacted]&limit=1");
    const pageLine = parsed.find((l) => l.reqId === "trace-ops-5" && l.req !== undefined);
    expect(pageLine?.req?.url).toBe("/aktualisieren/[redacted]");
    for (const secret of Object.values(secrets)) expect(stdout).not.toContain(secret);
    expect(server.output()).not.toContain(secrets.cookie);
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight after SIGTERM and refuses new connections", async () => {
    const server = await startServer(env);
    const { port } = new URL(server.url);
    const body = JSON.stringify({ email: "nobody@test.example", password: "not the password" });
    // A login whose body arrives in two parts: in flight when the signal comes.
    let finish = () => {};
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/auth/login",
          agent: false,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      finish = () => req.end(body.slice(10));
    });
    await new Promise((r) => setTimeout(r, 300)); // the server has the request's head

    const exited = server.stop(); // SIGTERM
    await new Promise((r) => setTimeout(r, 500));
    // The listening socket is closed: a new connection is refused.
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();

    finish();
    const answer = await inFlight;
    expect(answer.status).toBe(401); // a real answer from the application, not a dropped connection
    expect(JSON.parse(answer.body)).toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect(await exited).toBe(0);
  });
});
