/**
 * OpenMetadata's `entity_usage` table: one row per (entity id, day) with the day's count and the 7- and 30-day
 * rolling counts, kept the way UsageDAO's two upserts keep them, and the percentile ranks compute.percentile fills in.
 *
 * - A new row starts its rolling counts at its own count plus the counts of the entity's rows dated from 6 (29) days
 *   before it on; the SQL sets no upper bound, so rows dated after it count too.
 * - `replace` (POST): an existing row's count becomes the new one, the rolling counts move by the difference.
 * - `add` (PUT, and every roll-up to a table's schema and database): the count is added to all three.
 * Rows dated later are never revisited, as upstream.
 */
import { addDays } from './dates.js';
import type { JsonObject } from './types.js';

export interface UsageRow {
  date: string;
  entityType: string;
  count1: number;
  count7: number;
  count30: number;
  /** Null until compute.percentile ran for the row's type and day (read back as 0). */
  percentile1: number | null;
  percentile7: number | null;
  percentile30: number | null;
}

export class UsageStore {
  private readonly rows = new Map<string, Map<string, UsageRow>>();

  record(id: string, entityType: string, date: string, count: number, mode: 'replace' | 'add'): void {
    let days = this.rows.get(id);
    if (!days) {
      days = new Map();
      this.rows.set(id, days);
    }
    const existing = days.get(date);
    if (!existing) {
      const since = (from: string) => [...days.values()].filter((r) => r.date >= from).reduce((sum, r) => sum + r.count1, 0);
      days.set(date, {
        date,
        entityType,
        count1: count,
        count7: count + since(addDays(date, -6)),
        count30: count + since(addDays(date, -29)),
        percentile1: null,
        percentile7: null,
        percentile30: null,
      });
      return;
    }
    const delta = mode === 'replace' ? count - existing.count1 : count;
    existing.count1 += delta;
    existing.count7 += delta;
    existing.count30 += delta;
  }

  /** Rows of the entity dated from `days` before `date` up to `date`, newest first (getUsageById). */
  range(id: string, date: string, days: number): UsageRow[] {
    const from = addDays(date, -days);
    return this.all(id)
      .filter((r) => r.date >= from && r.date <= date)
      .reverse();
  }

  /** The row with the latest date (getLatestUsage), if any. */
  latest(id: string): UsageRow | undefined {
    return this.all(id).at(-1);
  }

  /** Every row of the entity, oldest first. */
  all(id: string): UsageRow[] {
    return [...(this.rows.get(id)?.values() ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((r) => ({ ...r }));
  }

  /**
   * UsageDAO.computePercentile: for each row of the type on that day, the share of those rows with a smaller count,
   * as `100 * smaller / total` in integer arithmetic (Postgres evaluates it on bigints; the columns are integers).
   */
  computePercentile(entityType: string, date: string): void {
    const rows = [...this.rows.values()].flatMap((days) => [...days.values()]).filter((r) => r.entityType === entityType && r.date === date);
    const rank = (pick: (r: UsageRow) => number, row: UsageRow) => Math.floor((100 * rows.filter((o) => pick(o) < pick(row)).length) / rows.length);
    for (const row of rows) {
      row.percentile1 = rank((r) => r.count1, row);
      row.percentile7 = rank((r) => r.count7, row);
      row.percentile30 = rank((r) => r.count30, row);
    }
  }

  /** Forgets an entity's rows (its hard delete). */
  remove(id: string): void {
    this.rows.delete(id);
  }

  clear(): void {
    this.rows.clear();
  }
}

/** A row as the API answers it (UsageDetails). */
export function usageDetails(row: UsageRow): JsonObject {
  return {
    dailyStats: { count: row.count1, percentileRank: row.percentile1 ?? 0 },
    weeklyStats: { count: row.count7, percentileRank: row.percentile7 ?? 0 },
    monthlyStats: { count: row.count30, percentileRank: row.percentile30 ?? 0 },
    date: row.date,
  };
}

/** What getLatestUsage answers for an entity without usage: zero counts dated today. */
export function emptyUsageDetails(today: string): JsonObject {
  const stats = { count: 0, percentileRank: 0 };
  return { dailyStats: { ...stats }, weeklyStats: { ...stats }, monthlyStats: { ...stats }, date: today };
}
