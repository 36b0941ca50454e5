import type { SessionQuery } from '../postgres/source-pool.js';
import {
  distributionColumns,
  distributionStatement,
  groupsOnce,
  histogramStatement,
  LENGTH_FACTS,
  lengthsByGroups,
  needsGrouping,
  needsQuartiles,
  resultKey,
  type BinsByColumn,
  type MetricColumn,
  type Statement,
} from './metric-sql.js';
import type { ProfilePlan } from './profile-plan-types.js';
import { quartilesFromRanks } from './quartile-ranks.js';
import type { SampleSource } from './sample-source.js';
import type { SnapshotJob } from './shared-snapshot.js';

type Row = Record<string, unknown>;

/** Runs a statement on a session under what is left of the table's time. */
export type StatementRunner = (on: SessionQuery) => (statement: Statement) => Promise<Row[]>;

/** What the passes after the first need to know of the table and how to reach it. */
export interface PassContext {
  plan: ProfilePlan;
  source: SampleSource;
  major: number;
  run: StatementRunner;
}

/** Below this many sample rows a pass is one statement: a helper session costs more than it saves. */
const SPLIT_ROWS = 10_000;

/**
 * Groups past which sorting a column beats hashing it. Measured on 5M rows: hashing wins at 100k groups (0.97 s
 * against 1.38 s); at 1M and 5M groups the hash table outgrows its memory and sorting wins (1.38 s against 1.82 s,
 * 1.71 s against 4.55 s).
 */
const SORT_GROUPS = 300_000;

const DISTINCT_ESTIMATES_SQL = `
select s.attname as name, s.n_distinct::float8 as n_distinct
from pg_catalog.pg_stats s
where s.schemaname = $1 and s.tablename = $2`;

/** The rows the sample should hold by the planner's estimate; undefined when nothing can be said (a profileQuery, a table never analysed). */
export function estimatedSampleRows(plan: Pick<ProfilePlan, 'sample' | 'estimatedRows'>): number | undefined {
  const { sample, estimatedRows } = plan;
  if (sample.kind === 'query' || !(estimatedRows > 0)) return undefined;
  if (sample.kind === 'table') return estimatedRows;
  if (sample.kind === 'percentage') return (estimatedRows * sample.percent) / 100;
  return Math.min(sample.rows, estimatedRows);
}

/** Whether a pass is shared out column by column. A profileQuery is run once per statement: it stays one statement. */
export function splitsPasses(plan: Pick<ProfilePlan, 'sample' | 'estimatedRows'>): boolean {
  const rows = estimatedSampleRows(plan);
  return rows === undefined ? plan.sample.kind !== 'query' : rows >= SPLIT_ROWS;
}

/** The columns, by index, whose groups are many enough by pg_stats that sorting them beats hashing them. */
async function sortedColumns(query: SessionQuery, plan: ProfilePlan, indexes: readonly number[]): Promise<Set<number>> {
  const rows = estimatedSampleRows(plan);
  const out = new Set<number>();
  if (rows === undefined || rows < SORT_GROUPS) return out;
  const estimates = new Map<string, number>();
  for (const stat of await query<{ name: string; n_distinct: number }>(DISTINCT_ESTIMATES_SQL, [plan.schema, plan.table])) {
    // A negative n_distinct is a share of the rows (−1: every value differs).
    const groups = stat.n_distinct >= 0 ? stat.n_distinct : -stat.n_distinct * plan.estimatedRows;
    estimates.set(stat.name, Math.max(groups, estimates.get(stat.name) ?? 0));
  }
  for (const index of indexes) {
    const column = plan.metricColumns[index] as MetricColumn;
    if (needsGrouping(column) && Math.min(estimates.get(column.name) ?? 0, rows) > SORT_GROUPS) out.add(index);
  }
  return out;
}

const first = (rows: Row[]): Row => rows[0] ?? {};

/**
 * Pass two's statement for some columns, its one-grouping results read into counts and quartiles. Should a sample
 * not hold the values pass one counted (a profileQuery that returns other rows each time), the ranks do not fit it:
 * those columns' quartiles are then taken by percentile_cont.
 */
async function distribution(
  on: SessionQuery,
  context: PassContext,
  valuesCounts: ReadonlyArray<number | undefined>,
  only?: Set<number>,
): Promise<Row> {
  const { plan, source, major, run } = context;
  const columns = plan.metricColumns;
  const row = first(await run(on)(distributionStatement(source, columns, major, { only, valuesCounts }) as Statement));
  const unsettled = new Set<number>();
  columns.forEach((column, index) => {
    const valuesCount = valuesCounts[index];
    const frequency = row[resultKey(index, 'frequency')] as Array<number | null> | undefined;
    const lengths = row[resultKey(index, 'lengths')] as Array<number | null> | undefined;
    let seen: number | null | undefined;
    let atRanks: Array<number | null>;
    if (frequency && groupsOnce(column, valuesCount)) {
      const [distinct, unique, total, ...ranked] = frequency;
      row[resultKey(index, 'groups')] = [distinct, unique];
      [seen, atRanks] = [total, ranked];
    } else if (lengths && lengthsByGroups(column)) {
      const facts = Object.fromEntries(LENGTH_FACTS.map((name, i) => [name, lengths[i]]));
      row[resultKey(index, 'groups')] = [facts.distinct, facts.unique];
      row[resultKey(index, 'lengthFacts')] = facts;
      if (!needsQuartiles(column)) return;
      [seen, atRanks] = [facts.seen, lengths.slice(LENGTH_FACTS.length)];
    } else return;
    if (valuesCount !== undefined && seen === valuesCount) row[resultKey(index, 'quartiles')] = quartilesFromRanks(valuesCount, atRanks);
    else if (seen) unsettled.add(index);
  });
  if (unsettled.size === 0) return row;
  return {
    ...row,
    ...first(await run(on)(distributionStatement(source, columns, major, { only: unsettled, parts: new Set(['quartiles']) }) as Statement)),
  };
}

/**
 * Pass two (a grouping and a sort per column) as jobs: one statement for a small sample, else one job per column,
 * each grouping by a sort when pg_stats says its values are many. `valuesCounts` are pass one's, by column index.
 */
export async function distributionJobs(
  query: SessionQuery,
  context: PassContext,
  valuesCounts: ReadonlyArray<number | undefined>,
): Promise<Array<SnapshotJob<Row>>> {
  const { plan, run } = context;
  const indexes = distributionColumns(plan.metricColumns);
  if (indexes.length === 0) return [];
  if (!splitsPasses(plan)) return [(on) => distribution(on, context, valuesCounts)];
  const sorted = await sortedColumns(query, plan, indexes);
  // The longest jobs first, so that no session is left with one at the end while the others wait.
  const ordered = [...indexes].sort((a, b) => Number(sorted.has(b)) - Number(sorted.has(a)));
  return ordered.map((index) => async (on) => {
    if (!sorted.has(index)) return distribution(on, context, valuesCounts, new Set([index]));
    // Through run, so that the debug log shows which columns were sorted.
    await run(on)({ text: 'SET LOCAL enable_hashagg = off', params: [] });
    const row = await distribution(on, context, valuesCounts, new Set([index]));
    await run(on)({ text: 'SET LOCAL enable_hashagg = DEFAULT', params: [] });
    return row;
  });
}

/** Pass three (each histogram's bin counts) as jobs: one statement for a small sample, else one per column. */
export function histogramJobs(context: PassContext, bins: BinsByColumn): Array<SnapshotJob<Row>> {
  const { plan, source, major, run } = context;
  const groups = splitsPasses(plan) ? [...bins].map((entry) => new Map([entry])) : [bins];
  return groups.flatMap((group) => {
    const statement = histogramStatement(source, plan.metricColumns, group, major);
    return statement ? [async (on: SessionQuery) => first(await run(on)(statement))] : [];
  });
}
