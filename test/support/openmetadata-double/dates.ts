/** Calendar dates as OpenMetadata's usage and join code handles them: `YYYY-MM-DD`, the server's day being UTC. */

const DAY_MS = 86_400_000;

function parse(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A real calendar date in `YYYY-MM-DD` form. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * CommonUtil.dateInRange(date, 0, 30) as 1.4 has it: the day must lie after "now minus 30 days" and before now, so
 * today and the 29 days before it.
 */
export function inLast30Days(date: string, now = Date.now()): boolean {
  const today = todayUtc(now);
  return date <= today && date >= addDays(today, -29);
}
