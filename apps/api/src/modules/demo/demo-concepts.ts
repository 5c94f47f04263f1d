import type { ConceptKind } from "@insek/contracts";
import type { DemoEvent } from "./demo-history.js";

/*
 * The demo history's concepts (decision 0027): each municipality's events are linked to municipal concepts
 * by the rule of migration 0016 (the n-th adoption and the funding after it belong to the n-th concept;
 * drafting and updating prepare the next; 'none' belongs to none; confirmations are not linked), and a few
 * groups of neighbours share their latest concept as a joint one, so that a new user sees joint concepts
 * with "n of m adopted" without any event being added to the made-up history.
 */

/** Groups whose members' latest concepts are one joint concept in the demo (lead first). */
export const DEMO_JOINT_CONCEPTS = [
  {
    key: "goeltzschtal",
    title: "Gemeinsames INSEK Städteverbund Göltzschtal",
    // Rodewisch (lead), Auerbach/Vogtl., Ellefeld, Falkenstein/Vogtl.
    members: ["14523360", "14523020", "14523090", "14523120"],
  },
  {
    key: "hohnstein",
    title: "Gemeinsames INSEK Hohnstein, Neustadt i.Sa., Sebnitz, Stolpen",
    members: ["14628360", "14628190", "14628260", "14628380"],
  },
] as const;

export interface DemoConceptPlan {
  key: string;
  scope: "municipal" | "joint";
  kind: ConceptKind;
  title: string;
  members: string[];
  lead: string;
  horizonYear: number | null;
  documentUrl: string | null;
  /** Key of the concept this one updates. */
  updates: string | null;
  /** Indexes (into the events given) of the events that belong to it. */
  events: number[];
  /** The latest adoption's date, if any. */
  adoptedOn: string | null;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

/** The municipal concepts (and the joint ones of DEMO_JOINT_CONCEPTS) of a demo history, with their events. */
export function planDemoConcepts(events: readonly DemoEvent[], names: ReadonlyMap<string, string>): DemoConceptPlan[] {
  const byAgs = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.type !== "status") return;
    const list = byAgs.get(e.ags) ?? [];
    list.push(i);
    byAgs.set(e.ags, list);
  });
  const jointOf = new Map<string, (typeof DEMO_JOINT_CONCEPTS)[number]>();
  for (const group of DEMO_JOINT_CONCEPTS) for (const ags of group.members) jointOf.set(ags, group);

  const plans = new Map<string, DemoConceptPlan>();
  for (const [ags, indexes] of [...byAgs].sort(([a], [b]) => a.localeCompare(b))) {
    const ordered = [...indexes].sort((a, b) => {
      const x = events[a] as DemoEvent;
      const y = events[b] as DemoEvent;
      return x.effectiveDate.localeCompare(y.effectiveDate) || x.version - y.version;
    });
    let adoptions = 0;
    const cycles = new Map<number, number[]>();
    for (const i of ordered) {
      const e = events[i] as DemoEvent;
      if (e.status === "council_adopted") adoptions++;
      if (e.status === "none" || e.status === null) continue;
      const cycle = e.status === "drafting" || e.status === "updating" ? adoptions + 1 : adoptions;
      cycles.set(cycle, [...(cycles.get(cycle) ?? []), i]);
    }
    const numbers = [...cycles.keys()].sort((a, b) => a - b);
    const group = jointOf.get(ags);
    numbers.forEach((cycle, n) => {
      const own = cycles.get(cycle) ?? [];
      const joint = group !== undefined && n === numbers.length - 1;
      const key = joint ? group.key : `${ags}:${cycle}`;
      const previous = n > 0 ? `${ags}:${numbers[n - 1]}` : null;
      const plan =
        plans.get(key) ??
        ({
          key,
          scope: joint ? "joint" : "municipal",
          kind: "INSEK",
          title: "",
          members: joint ? [...group.members] : [ags],
          lead: joint ? group.members[0] : ags,
          horizonYear: null,
          documentUrl: null,
          updates: joint ? null : previous,
          events: [],
          adoptedOn: null,
          firstRecordedAt: (events[own[0] ?? 0] as DemoEvent).recordedAt,
          lastRecordedAt: "",
        } satisfies DemoConceptPlan);
      plan.events.push(...own);
      for (const i of own) {
        const e = events[i] as DemoEvent;
        if (e.conceptKind) plan.kind = e.conceptKind;
        if (e.documentUrl) plan.documentUrl = e.documentUrl;
        if (e.horizonYear !== null) plan.horizonYear = e.horizonYear;
        if (e.status === "council_adopted") {
          const on = e.councilResolutionDate ?? e.effectiveDate;
          if (plan.adoptedOn === null || on > plan.adoptedOn) plan.adoptedOn = on;
        }
        if (e.recordedAt < plan.firstRecordedAt) plan.firstRecordedAt = e.recordedAt;
        if (e.recordedAt > plan.lastRecordedAt) plan.lastRecordedAt = e.recordedAt;
      }
      plans.set(key, plan);
    });
  }
  for (const plan of plans.values()) {
    const group = DEMO_JOINT_CONCEPTS.find((g) => g.key === plan.key);
    const name = names.get(plan.lead) ?? plan.lead;
    plan.title = group ? `${group.title} (Demo)` : `${plan.kind} ${name}${plan.adoptedOn ? ` (${plan.adoptedOn.slice(0, 4)})` : ""} (Demo)`;
    if (group) plan.kind = "INSEK";
  }
  return [...plans.values()];
}
