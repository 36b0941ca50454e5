import type { QueryRecord } from './query-record.js';
import type { UsageSnapshotData } from './usage-records.js';

/** How this run's counts relate to the previous run's. */
export type WindowKind = 'first' | 'since-last-run' | 'reset';

export interface UsageDeltas {
  /** The statements run since the previous snapshot, with the calls and time of that window only. */
  queries: QueryRecord[];
  window: WindowKind;
  /** Entries whose counters fell (pg_stat_statements reset them, or evicted and re-added them). */
  fallen: number;
  /** This database's entries as they are now: the next run's baseline. */
  entries: UsageSnapshotData['entries'];
}

/**
 * pg_stat_statements counts since its last reset and has no timestamps; usage wants what happened since the last run.
 * Each entry's calls and total time minus the previous snapshot's. A reset (stats_reset moved, on Postgres 14+) or a
 * counter that fell means the entry restarted from zero: its whole count is new, counted once, never added to the old.
 * Without a previous snapshot, everything accumulated so far is the first window.
 */
export function usageDeltas(
  current: QueryRecord[],
  database: string,
  previous: UsageSnapshotData | undefined,
  statsReset: string | null,
): UsageDeltas {
  const entries: UsageSnapshotData['entries'] = {};
  for (const query of current) {
    if (query.entryKey) entries[query.entryKey] = { calls: query.calls ?? 0, totalTime: query.duration ?? 0 };
  }
  if (!previous) return { queries: current.filter((q) => (q.calls ?? 0) > 0), window: 'first', fallen: 0, entries };
  const resetMoved = statsReset !== null && (previous.statsReset[database] ?? null) !== statsReset;
  if (resetMoved) return { queries: current.filter((q) => (q.calls ?? 0) > 0), window: 'reset', fallen: 0, entries };
  let fallen = 0;
  const queries: QueryRecord[] = [];
  for (const query of current) {
    const before = query.entryKey ? previous.entries[query.entryKey] : undefined;
    const calls = query.calls ?? 0;
    const time = query.duration ?? 0;
    if (before && calls < before.calls) fallen++;
    const restarted = !before || calls < before.calls;
    const delta = restarted ? { calls, time } : { calls: calls - before.calls, time: Math.max(0, time - before.totalTime) };
    if (delta.calls > 0) queries.push({ ...query, calls: delta.calls, duration: delta.time });
  }
  // Before Postgres 14 a reset leaves no timestamp: every entry this database had is gone at once.
  const databases = new Set(Object.keys(entries).map((key) => key.split(':')[0]));
  const previousHere = Object.keys(previous.entries).filter((key) => databases.has(key.split(':')[0] ?? ''));
  const allGone = previousHere.length > 0 && previousHere.every((key) => !(key in entries));
  return { queries, window: fallen > 0 || allGone ? 'reset' : 'since-last-run', fallen, entries };
}
