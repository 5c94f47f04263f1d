import type { RefMunicipality } from "./types.js";

/** validFrom is the first day of existence and validTo the first day without it. */
export function existsOn(m: Pick<RefMunicipality, "validFrom" | "validTo">, date: string): boolean {
  return (m.validFrom === null || m.validFrom <= date) && (m.validTo === null || m.validTo > date);
}

/** The municipalities that existed on a date (YYYY-MM-DD). */
export function municipalitiesOn<M extends Pick<RefMunicipality, "validFrom" | "validTo">>(
  data: { municipalities: readonly M[] },
  date: string,
): M[] {
  return data.municipalities.filter((m) => existsOn(m, date));
}
