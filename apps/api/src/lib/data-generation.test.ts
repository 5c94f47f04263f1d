import { describe, expect, it } from "vitest";
import { createDataGenerationReader, createWatchedDataGenerationReader } from "./data-generation.js";

/** A query whose answers the test releases one by one; `value` is what the database holds when a query starts. */
function controlledQuery() {
  let value = 0;
  const started: { at: number; release: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const query = () =>
    new Promise<string>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const at = value;
      started.push({
        at,
        release: () => {
          inFlight -= 1;
          resolve(String(at));
        },
      });
    });
  return {
    query,
    started,
    write: () => {
      value += 1;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("data generation reader: single flight after arrival", () => {
  it("a caller arriving while a query runs waits for the next query, which serves all who arrived meanwhile", async () => {
    const db = controlledQuery();
    const reader = createDataGenerationReader(db.query);
    const first = reader.read(); // query 1 starts, sees 0
    db.write(); // acknowledged before the next callers arrive
    const late = Array.from({ length: 20 }, () => reader.read());
    await tick();
    expect(db.started).toHaveLength(1); // never two at once
    db.started[0]?.release();
    expect(await first).toBe("0");
    await tick();
    expect(db.started).toHaveLength(2); // the next query starts only now, after the write
    db.started[1]?.release();
    expect(await Promise.all(late)).toEqual(late.map(() => "1"));
    expect(db.maxInFlight).toBe(1);
    expect(reader.queries).toBe(2);
  });

  it("alone, a caller pays one query; a failed query fails its callers with 503 and the next read tries again", async () => {
    let fail = true;
    const reader = createDataGenerationReader(() => (fail ? Promise.reject(new Error("connection refused")) : Promise.resolve("7")));
    await expect(reader.read()).rejects.toMatchObject({ statusCode: 503, code: "NOT_READY" });
    fail = false;
    expect(await reader.read()).toBe("7");
    expect(reader.queries).toBe(2);
  });

  it("callers arriving during the queued query's run wait for the one after it", async () => {
    const db = controlledQuery();
    const reader = createDataGenerationReader(db.query);
    void reader.read();
    const second = reader.read();
    db.started[0]?.release();
    await tick();
    db.write();
    const third = reader.read(); // arrives while query 2 runs: must not take its (older) answer
    db.started[1]?.release();
    expect(await second).toBe("0");
    await tick();
    db.started[2]?.release();
    expect(await third).toBe("1");
    expect(db.maxInFlight).toBe(1);
  });
});

describe("watched data generation reader (the embedded database)", () => {
  it("queries once and keeps the answer until a change; a query that was running at a change is not kept", async () => {
    const db = controlledQuery();
    const reader = createWatchedDataGenerationReader(db.query);
    const first = reader.read();
    db.started[0]?.release();
    expect(await first).toBe("0");
    // Known: no further query.
    expect(await reader.read()).toBe("0");
    expect(await reader.read()).toBe("0");
    expect(reader.queries).toBe(1);

    // A write commits and tells: the next read queries.
    db.write();
    reader.changed();
    const running = reader.read();
    expect(reader.queries).toBe(2);
    // Another write commits while that query runs: a reader arriving now must not be served by it.
    db.write();
    reader.changed();
    const afterChange = reader.read();
    db.started[1]?.release();
    expect(await running).toBe("1");
    await tick();
    db.started[2]?.release();
    expect(await afterChange).toBe("2");
    // The answer of the query that ran across the change was not kept.
    expect(await reader.read()).toBe("2");
    expect(reader.queries).toBe(3);
  });
});
