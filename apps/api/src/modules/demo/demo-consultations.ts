import type { Db } from "@insek/db";
import { insertConsultationRow } from "../consultations/consultations.repo.js";

/** "2026-11-25" shifted by `days` (calendar arithmetic in UTC, so no time zone can move it). */
function shift(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * A few consultations of the demo advisor, so the demo shows the workspace filled: last contacts, a
 * follow-up due this week, an overdue one and a seminar with several municipalities. Deterministic: the
 * same municipalities (by position in the district's sorted AGS list) and dates relative to the day the
 * demo accounts are created.
 */
export async function insertDemoConsultations(db: Db, advisorUserId: string, districtAgs: readonly string[], today: string, now: Date) {
  const ags = [...districtAgs].sort();
  const pick = (...indexes: number[]) => [...new Set(indexes.map((i) => ags[i % ags.length]).filter((a): a is string => a !== undefined))];
  if (ags.length === 0) return;
  const entries = [
    {
      date: shift(today, -63),
      kind: "seminar" as const,
      ags: pick(0, 2, 4, 6, 8),
      topics: ["update", "funding"],
      summary: "Regionalseminar Fortschreibung von INSEK und Förderzugang im Landkreis Meißen.",
      nextStep: null,
      nextContactDate: null,
      internal: false,
    },
    {
      date: shift(today, -35),
      kind: "on_site" as const,
      ags: pick(1),
      topics: ["preparation", "participation"],
      summary: "Erstberatung vor Ort: Aufbau des Konzepts, Beteiligungsformate, Zeitplan bis zum Ratsbeschluss.",
      nextStep: "Gliederungsentwurf zusenden",
      nextContactDate: shift(today, -4),
      internal: false,
    },
    {
      date: shift(today, -14),
      kind: "phone" as const,
      ags: pick(3),
      topics: ["update"],
      summary: "Telefonberatung zur Fortschreibung; Verwaltung bereitet Beschlussvorlage vor.",
      nextStep: "Rückruf nach Ausschusssitzung",
      nextContactDate: shift(today, 2),
      internal: false,
    },
    {
      date: shift(today, -7),
      kind: "video" as const,
      ags: pick(5),
      topics: ["funding", "other"],
      topicOther: "Abstimmung mit dem Landratsamt",
      summary: "Videokonferenz zu Förderfähigkeit und Abstimmung mit dem Landratsamt.",
      nextStep: "Unterlagen an SMR weiterleiten",
      nextContactDate: shift(today, 30),
      internal: true,
    },
  ];
  for (const entry of entries) {
    const { ags: list, ...row } = entry;
    await insertConsultationRow(db, { ...row, advisorUserId, createdAt: now, updatedAt: now }, list);
  }
}
