import { CONSULTATION_KINDS, type ConsultationStats, ERROR_CODES } from "@insek/contracts";
import type { Db } from "@insek/db";
import { ValidationError } from "../../lib/errors.js";
import { statsPerDistrict, statsPerKind, statsPerMonth, statsTotals } from "./consultations.repo.js";

/** At most ten years per request, so that the month list stays small. */
const MAX_MONTHS = 120;

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** 422 INVALID_RANGE when `to` lies before `from` or the range spans more than ten years. */
export function checkRange(from: string, to: string, paths: { from: string; to: string }): string[] {
  if (to < from) {
    throw new ValidationError("`to` lies before `from`", [{ path: paths.to, code: ERROR_CODES.invalidRange, message: "must not lie before from" }], 422, ERROR_CODES.invalidRange);
  }
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS) {
    throw new ValidationError("The range spans more than ten years", [{ path: paths.to, code: ERROR_CODES.invalidRange, message: `at most ${MAX_MONTHS} months` }], 422, ERROR_CODES.invalidRange);
  }
  return months;
}

/**
 * Consultations (not withdrawn, internal ones included) dated within [from, to], both inclusive: per
 * month (every month of the range, zeros included), per kind (every kind), per district (every district;
 * a consultation counts once for each district it concerned, so these may add up to more than the total).
 * "Municipalities reached" counts distinct municipalities: a seminar with 12 reaches 12.
 */
export async function consultationStats(db: Db, from: string, to: string): Promise<ConsultationStats> {
  const months = checkRange(from, to, { from: "query.from", to: "query.to" });
  const [totals, perMonth, perKind, perDistrict] = await Promise.all([
    statsTotals(db, from, to),
    statsPerMonth(db, from, to),
    statsPerKind(db, from, to),
    statsPerDistrict(db, from, to),
  ]);
  const byMonth = new Map(perMonth.map((m) => [m.month, m]));
  const byKind = new Map(perKind.map((k) => [k.kind, k.consultations]));
  return {
    from,
    to,
    total: totals.total,
    municipalitiesReached: totals.reached,
    perMonth: months.map((month) => ({
      month,
      consultations: byMonth.get(month)?.consultations ?? 0,
      municipalitiesReached: byMonth.get(month)?.reached ?? 0,
    })),
    perKind: CONSULTATION_KINDS.map((kind) => ({ kind, consultations: byKind.get(kind) ?? 0 })),
    perDistrict: perDistrict.map((d) => ({
      districtKey: d.district_key,
      name: d.name,
      consultations: d.consultations,
      municipalitiesReached: d.reached,
    })),
  };
}
