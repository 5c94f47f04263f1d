import { type ConceptKind, type EventInput, type Status } from "@insek/contracts";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { describe, expect, it } from "vitest";
import { type HistoryOptions, historyOf } from "../bench/synthetic-history.js";
import { todayInSaxony } from "../src/lib/clock.js";
import { decideEvent, type EventFacts } from "../src/modules/events/status-rules.js";

/**
 * The benchmarks' synthetic history (apps/api/bench/synthetic-history.ts) is written straight into
 * status_events, past the API. Every event must still be one the API would have accepted: each is
 * checked here with the API's own rule function (decideEvent) against the history before it, on the
 * day it was recorded.
 */
const NOW = new Date("2026-11-25T09:30:00Z");
const OPTIONS: HistoryOptions = { months: 240, today: "2026-11-25", now: NOW, seed: 42 };

const municipalities = saxonyReferenceData.municipalities.map((m) => ({ ags: m.ags, validFrom: m.validFrom, validTo: m.validTo }));

function existsOn(m: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (m.validFrom === null || m.validFrom <= date) && (m.validTo === null || m.validTo > date);
}

describe("synthetic benchmark history", () => {
  it("is deterministic", () => {
    const sample = municipalities.slice(0, 20);
    expect(sample.map((m) => historyOf(m, OPTIONS))).toEqual(sample.map((m) => historyOf(m, OPTIONS)));
    expect(historyOf(municipalities[0] ?? { ags: "", validFrom: null, validTo: null }, { ...OPTIONS, seed: 43 })).not.toEqual(
      historyOf(municipalities[0] ?? { ags: "", validFrom: null, validTo: null }, OPTIONS),
    );
  });

  it("has one event per month and municipality, mostly confirmations, versions 1..n", () => {
    let events = 0;
    let changes = 0;
    for (const m of municipalities) {
      const history = historyOf(m, OPTIONS);
      expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
      const months = history.map((e) => e.effectiveDate.slice(0, 7));
      expect(new Set(months).size).toBe(months.length);
      events += history.length;
      changes += history.filter((e) => e.type === "status").length;
    }
    // 418 municipalities existing throughout, plus the dissolved ones for part of the time.
    expect(events).toBeGreaterThan(418 * 239);
    expect(changes / events).toBeGreaterThan(0.08);
    expect(changes / events).toBeLessThan(0.2);
  });

  it("passes the API's status rules event by event", () => {
    let checked = 0;
    const failures: string[] = [];
    for (const m of municipalities) {
      const history = historyOf(m, OPTIONS);
      let status: Status | "initial" = "initial";
      let conceptKind: ConceptKind | null = null;
      let adoptionOnRecord = false;
      let lastEffective = "";
      for (const event of history) {
        const recordedAt = new Date(event.recordedAt);
        const today = todayInSaxony(() => recordedAt);
        const where = `${m.ags} v${event.version} ${JSON.stringify(event)}`;
        if (recordedAt.getTime() > NOW.getTime()) failures.push(`${where}: recorded in the future`);
        // The history only grows forward, so the record on the effective date is the record so far.
        if (event.effectiveDate < lastEffective) failures.push(`${where}: effective before the event before it`);
        lastEffective = event.effectiveDate;
        const facts: EventFacts = {
          today,
          existsOnDate: existsOn(m, event.effectiveDate),
          stateOnDate: { status, conceptKind, adoptionOnRecord },
        };
        const input = {
          type: event.type,
          effectiveDate: event.effectiveDate,
          source: event.source,
          ...(event.status ? { status: event.status } : {}),
          ...(event.conceptKind ? { conceptKind: event.conceptKind } : {}),
          ...(event.councilResolutionDate ? { councilResolutionDate: event.councilResolutionDate } : {}),
        } as EventInput;
        const decision = decideEvent(input, facts);
        if (!decision.ok) failures.push(`${where}: ${decision.issues.map((i) => i.code).join(", ")}`);
        if (decision.ok && event.type === "status" && event.status) {
          // What the API stores: the concept kind as given or inherited.
          if (event.conceptKind !== decision.event.conceptKind) failures.push(`${where}: concept kind ${decision.event.conceptKind ?? "null"} expected`);
          status = event.status;
          conceptKind = event.conceptKind;
          if (event.status === "council_adopted") adoptionOnRecord = true;
        }
        checked += 1;
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });
});
