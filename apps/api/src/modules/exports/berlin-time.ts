const berlin = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function berlinParts(instant: Date): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
  const parts = Object.fromEntries(berlin.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as Saxony's wall-clock time, "YYYY-MM-DD HH:MM" (what a reader of the export expects). */
export function berlinDateTime(iso: string): string {
  const p = berlinParts(new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * An instant as a Date whose UTC fields carry Saxony's wall-clock time: spreadsheet cells have no
 * time zone, and the XLSX writer stores a Date's UTC fields.
 */
export function berlinWallClock(iso: string): Date {
  const p = berlinParts(new Date(iso));
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}
