/** How a table is profiled, and why when not exactly. */
export type ProfileMode =
  | { kind: 'exact' }
  /** A SYSTEM sample of this share of the table's blocks, so that the run fits its time budget. */
  | { kind: 'sample'; percent: number; reason: string }
  /** From the catalog's statistics alone (no row is read): every figure an estimate. */
  | { kind: 'statistics'; reason: string };

/** Seconds an exact profile costs per value (row × column), measured by bench/profiler on 2 cores; generous. */
export const SECONDS_PER_VALUE = 1e-6;
/** What every table costs besides its rows (a transaction, a few statements, a round trip each). */
export const SECONDS_PER_TABLE = 0.02;
/** Below this share a sample says too little: the table is profiled from statistics instead. */
export const MIN_SAMPLE_PERCENT = 0.1;

export interface BudgetedTable {
  estimatedRows: number;
  columnCount: number;
}

export const exactCost = (table: BudgetedTable): number =>
  SECONDS_PER_TABLE + Math.max(0, table.estimatedRows) * table.columnCount * SECONDS_PER_VALUE;

/**
 * Chooses each table's mode so that the tables fit `seconds` of `threads` sessions. The session time is shared out
 * cheapest table first: a table whose exact profile costs no more than an equal share of what is left is profiled
 * exactly, and what it leaves unused goes to the tables after it; the tables that cost more split the rest equally
 * (never more than `seconds` each: one table's profile has to end within the budget too) and are sampled down to
 * their share, or, when that would be less than 0.1 % of the table, profiled from statistics. Estimates come from
 * pg_class (reltuples), so a table never analysed counts as small.
 */
export function budgetModes(tables: readonly BudgetedTable[], seconds: number, threads: number): ProfileMode[] {
  const costs = tables.map(exactCost);
  const cheapestFirst = costs.map((cost, index) => ({ cost, index })).sort((a, b) => a.cost - b.cost);
  const modes: ProfileMode[] = new Array<ProfileMode>(tables.length);
  let left = seconds * Math.max(1, threads);
  cheapestFirst.forEach(({ cost, index }, position) => {
    const share = Math.min(seconds, left / (cheapestFirst.length - position));
    if (cost <= share) {
      modes[index] = { kind: 'exact' };
      left -= cost;
      return;
    }
    left -= share;
    const percent = (100 * Math.max(0, share - SECONDS_PER_TABLE)) / (cost - SECONDS_PER_TABLE);
    const estimate = `~${cost.toFixed(1)} s to read exactly; its share of the ${seconds} s budget is ${share.toFixed(1)} s`;
    modes[index] =
      percent < MIN_SAMPLE_PERCENT
        ? { kind: 'statistics', reason: `time budget: ${estimate}` }
        : { kind: 'sample', percent: Math.round(percent * 1000) / 1000, reason: `time budget: ${estimate}` };
  });
  return modes;
}
