/** The last `count` quarters up to the current one, newest first ("2026-Q4"). */
export function recentQuarters(today: string, count = 8): string[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const result: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = year * 4 + (quarter - 1) - i;
    result.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  }
  return result;
}
