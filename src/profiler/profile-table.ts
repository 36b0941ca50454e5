import { quoteIdent } from '../postgres/quote.js';
import { QUERY_CANCELED, type SessionQuery, type SourcePool } from '../postgres/source-pool.js';
import { buildHistogram, histogramBins, type HistogramBins } from './histogram.js';
import { aggregateStatement, resultKey, sampleRowsStatement, tableRowCountStatement, type MetricColumn, type Statement } from './metric-sql.js';
import { distributionJobs, histogramJobs, type PassContext } from './distribution-pass.js';
import { runOnSnapshot, startBeside, type SnapshotJob } from './shared-snapshot.js';
import type { ColumnMetric } from './metrics.js';
import type { ProfilePlan } from './profile-plan-types.js';
import { readAsFor, readExpression, sampleValue } from './sample-data.js';
import type { SampleSource, SampleSpec } from './sample-source.js';
import type { ColumnProfileBody, TableColumnTags, TableProfileData, TableSampleData } from './table-profile.js';
import { columnKind } from './column-kinds.js';
import { columnPiiTags } from './pii/column-tags.js';

export interface TableProfileResult {
  profile: TableProfileData;
  sampleData?: TableSampleData;
  piiTags?: TableColumnTags;
}

/** Memory each profiling session may use per sort or hash (threadCount sessions at once). */
const PROFILE_WORK_MEM = '64MB';

/** The most a statement may overrun its table's timeoutSeconds (1 % of it when that is less). */
const MAX_TIMEOUT_SLACK_MS = 1000;

/** Every session of a table reads one snapshot, in a transaction that cannot write. */
const BEGIN_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Rows read to look for personal data when no sample data is sent (OpenMetadata's default sample size). */
const PII_SAMPLE_ROWS = 50;

/** A table ran out of its time. */
export class ProfileTimeoutError extends Error {
  override name = 'ProfileTimeoutError';
}

type Row = Record<string, unknown>;

const finite = (value: unknown): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** ISO dates and times only: Postgres's `infinity` and `-infinity` are no date JSON can carry. */
const isoText = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(value) ? value : undefined;

const ratio = (part: number | undefined, whole: number | undefined): number | undefined => (part === undefined || !whole ? undefined : part / whole);

/**
 * Profiles one table in one read-only REPEATABLE READ transaction, so that every statement sees the same rows: the
 * sample is drawn with a fixed seed (or, for ROWS, read in the same order), and the metrics of all columns come
 * from one aggregate pass, then a grouping pass (distinct and unique counts, quartiles), then the histograms, then the
 * sample rows. On a big sample the grouping and histogram passes are shared out column by column among free sessions
 * on this transaction's snapshot. Every statement runs under what is left of the table's time.
 */
export async function profileTable(
  pool: SourcePool,
  plan: ProfilePlan,
  options: { now?: number; onStatement?: (statement: Statement) => void } = {},
): Promise<TableProfileResult> {
  const timestamp = options.now ?? Date.now();
  const deadline = performance.now() + plan.timeoutSeconds * 1000;
  const timedOut = () => new ProfileTimeoutError(`ran out of its ${plan.timeoutSeconds} s (timeoutSeconds)`);
  return pool.session(async (query) => {
    // When each session's statement_timeout was last set to the time then left.
    const timeoutSetAt = new Map<SessionQuery, number>();
    const slackMs = Math.min(MAX_TIMEOUT_SLACK_MS, plan.timeoutSeconds * 10);
    const runOn =
      (on: SessionQuery) =>
      async (statement: Statement): Promise<Row[]> => {
        const now = performance.now();
        const left = Math.floor(deadline - now);
        if (left <= 0) throw timedOut();
        // Set again once the time left has shrunk by more than the slack: a statement overruns the table's time by
        // at most that, and a small table's statements share one SET instead of a round trip each.
        const setAt = timeoutSetAt.get(on);
        if (setAt === undefined || now - setAt > slackMs) {
          await on(`SET LOCAL statement_timeout = ${left}`);
          timeoutSetAt.set(on, now);
        }
        options.onStatement?.(statement);
        try {
          return await on<Row>(statement.text, statement.params);
        } catch (error) {
          if ((error as { code?: string }).code === QUERY_CANCELED) throw timedOut();
          throw error;
        }
      };
    const run = runOn(query);
    await setUp(query, plan, pool.major, [BEGIN_SNAPSHOT]);
    const source: SampleSource = {
      schema: plan.schema,
      table: plan.table,
      columns: plan.metricColumns.map((c) => c.name),
      sample: plan.sample,
      partition: plan.partition,
    };
    const major = pool.major;
    const context: PassContext = { plan, source, major, run: runOn };
    const prepareHelper = (helper: SessionQuery, opening: readonly string[]) => setUp(helper, plan, major, opening);
    // Over a sample, the table's own row count is one more scan: it starts at once beside the passes when a
    // session is free, else runs on this session after pass two.
    const countsTable = plan.computeTableMetrics && sampledOnly(plan.sample);
    const countJob: SnapshotJob<Row> = async (on) => (await runOn(on)(tableRowCountStatement(plan.schema, plan.table)))[0] ?? {};
    const counting = countsTable ? await startBeside(pool, query, countJob, prepareHelper) : undefined;
    // Nothing to measure (metrics off, as when auto-classifying): no pass reads the table, only the sample does.
    const measures = plan.metricColumns.length > 0 || plan.computeTableMetrics;
    const aggregate = measures ? ((await run(aggregateStatement(source, plan.metricColumns, major)))[0] ?? {}) : {};
    const sampleRows = Number(aggregate.row_count ?? 0);
    const facts = plan.metricColumns.map((column, index) => firstPassFacts(column, index, aggregate, sampleRows));
    const distribution = await distributionJobs(
      query,
      context,
      facts.map((f) => f.valuesCount),
    );
    const second: Row = Object.assign({}, ...(await runOnSnapshot(pool, query, distribution, prepareHelper)));
    const counted = counting ? ((await counting.result())?.value ?? (await countJob(query))) : undefined;
    plan.metricColumns.forEach((column, index) => secondPassFacts(column, index, second, facts[index] as Facts));
    const bins = new Map<number, HistogramBins>();
    plan.metricColumns.forEach((column, index) => {
      const bin = column.metrics.has('histogram') ? histogramBins(facts[index] as Facts) : undefined;
      if (bin) bins.set(index, bin);
    });
    const histograms: Row = Object.assign({}, ...(await runOnSnapshot(pool, query, histogramJobs(context, bins), prepareHelper)));
    for (const [index, bin] of bins) {
      const pairs = (histograms[resultKey(index, 'histogram')] as unknown[][] | null) ?? [];
      (facts[index] as Facts).histogram = buildHistogram(bin, new Map(pairs.map(([b, n]) => [Number(b), Number(n)])));
    }
    const rowCount = countsTable ? finite(counted?.row_count) : sampleRows;
    const table = { type: 'table' as const, fullyQualifiedName: plan.fqn };
    const profile: TableProfileData = {
      table,
      tableProfile: {
        timestamp,
        columnCount: plan.columns.length,
        ...(plan.computeTableMetrics ? { rowCount } : {}),
        ...(plan.computeTableMetrics && plan.sizeInByte !== undefined ? { sizeInByte: plan.sizeInByte } : {}),
        ...(plan.profileSample !== undefined ? { profileSample: plan.profileSample, profileSampleType: plan.profileSampleType } : {}),
      },
      columnProfile: plan.metricColumns.map((column, index) => columnProfile(column, facts[index] as Facts, timestamp)),
    };
    if (plan.sampleDataCount <= 0 && !plan.pii) return { profile };
    const shown = new Set(plan.sampleColumns);
    const columns = plan.columns.filter((column) => shown.has(column.name));
    const readAs = columns.map((column) => readAsFor(column.dataType));
    const rowsSource: SampleSource = { ...source, columns: columns.map((c) => c.name) };
    if (major < 12) await query('SET LOCAL extra_float_digits = DEFAULT');
    const rows = await run(
      sampleRowsStatement(
        rowsSource,
        columns.map((column, i) => `${readExpression(column.name, readAs[i] as ReturnType<typeof readAsFor>)} AS s${i}`),
        plan.sampleDataCount > 0 ? plan.sampleDataCount : PII_SAMPLE_ROWS,
        major,
      ),
    );
    const values = rows.map((row) => readAs.map((as, i) => sampleValue(row[`s${i}`], as)));
    const result: TableProfileResult = { profile };
    if (plan.sampleDataCount > 0) result.sampleData = { table, sampleData: { columns: columns.map((c) => c.name), rows: values } };
    if (plan.pii) {
      const kinds = columns.map((column) => ({ name: column.name, kind: columnKind(column.dataType) }));
      result.piiTags = columnPiiTags(table, kinds, values, plan.pii.confidence);
    }
    return result;
  });
}

/** The metrics ran over part of the table: its row count is then counted apart (OpenMetadata's rowCount is the table's). */
const sampledOnly = (sample: SampleSpec): boolean => sample.kind === 'percentage' || sample.kind === 'rows';

/** Opens a session's transaction (`opening`: BEGIN and what must follow it) with the table's settings, in one round trip. */
async function setUp(query: SessionQuery, plan: ProfilePlan, major: number, opening: readonly string[]): Promise<void> {
  const settings = [
    ...opening,
    // to_json writes timestamps with time zone in the session's zone: UTC, as OpenMetadata's timestamps are.
    "SET LOCAL TimeZone = 'UTC'",
    // Distinct counts and quartiles hash and sort whole columns: with Postgres's default 4 MB they spill to disk.
    `SET LOCAL work_mem = '${PROFILE_WORK_MEM}'`,
  ];
  // Before Postgres 12 a float8 is written with 15 digits unless all are asked for (from 12 on it is the shortest
  // exact form anyway): quartiles and string-length statistics come back as float8. Sample rows go back to the
  // default, so that a real shows the digits it was given.
  if (major < 12) settings.push('SET LOCAL extra_float_digits = 3');
  if (plan.sample.kind === 'query') {
    // The user's query names tables as a session on the table's schema (then public) would: worker sessions resolve
    // nothing outside pg_catalog. pg_catalog is still searched first.
    settings.push(`SET LOCAL search_path = ${quoteIdent(plan.schema)}, public`);
  }
  if (plan.sample.kind === 'rows') {
    // A LIMIT without ORDER BY returns the same rows to every statement only if scans start at block 0 and run alone.
    settings.push('SET LOCAL synchronize_seqscans = off', 'SET LOCAL max_parallel_workers_per_gather = 0');
  }
  // No parameters: sent as one simple query, several statements in one round trip.
  await query(settings.join('; '));
}

interface Facts {
  valuesCount?: number;
  nullCount?: number;
  distinctCount?: number;
  uniqueCount?: number;
  min?: number;
  max?: number;
  minText?: string;
  maxText?: string;
  minLength?: number;
  maxLength?: number;
  mean?: number;
  sum?: number;
  stddev?: number;
  firstQuartile?: number;
  median?: number;
  thirdQuartile?: number;
  histogram?: ReturnType<typeof buildHistogram>;
}

function firstPassFacts(column: MetricColumn, index: number, row: Row, sampleRows: number): Facts {
  const get = (what: string) => row[resultKey(index, what)];
  const facts: Facts = {};
  const values = finite(get('values'));
  if (values !== undefined) {
    facts.valuesCount = values;
    facts.nullCount = sampleRows - values;
  }
  if (column.kind === 'datetime') {
    facts.minText = isoText(get('min'));
    facts.maxText = isoText(get('max'));
  } else {
    facts.min = finite(get('min'));
    facts.max = finite(get('max'));
  }
  facts.minLength = finite(get('minLength'));
  facts.maxLength = finite(get('maxLength'));
  facts.mean = finite(get('mean'));
  facts.sum = finite(get('sum'));
  facts.stddev = finite(get('stddev'));
  return facts;
}

function secondPassFacts(column: MetricColumn, index: number, row: Row, facts: Facts): void {
  if (column.knownUnique) facts.distinctCount = facts.uniqueCount = facts.valuesCount;
  // A string's lengths taken from its groups (lengthsByGroups): the bounds are its lengths', as OpenMetadata's are.
  const lengths = row[resultKey(index, 'lengthFacts')] as Record<string, unknown> | undefined;
  if (lengths) {
    facts.min = facts.minLength = finite(lengths.minLength);
    facts.max = facts.maxLength = finite(lengths.maxLength);
    facts.sum = finite(lengths.sum);
    facts.mean = finite(lengths.mean);
    facts.stddev = finite(lengths.stddev);
  }
  const groups = row[resultKey(index, 'groups')] as unknown[] | null | undefined;
  if (Array.isArray(groups)) [facts.distinctCount, facts.uniqueCount] = groups.map(finite);
  const quartiles = row[resultKey(index, 'quartiles')] as unknown[] | null | undefined;
  if (Array.isArray(quartiles)) [facts.firstQuartile, facts.median, facts.thirdQuartile] = quartiles.map(finite);
}

function columnProfile(column: MetricColumn & { reported: ReadonlySet<ColumnMetric> }, facts: Facts, timestamp: number): ColumnProfileBody {
  const iqr = facts.firstQuartile !== undefined && facts.thirdQuartile !== undefined ? facts.thirdQuartile - facts.firstQuartile : undefined;
  const skew = facts.mean !== undefined && facts.median !== undefined && facts.stddev ? (facts.mean - facts.median) / facts.stddev : undefined;
  const all: Omit<ColumnProfileBody, 'name' | 'timestamp'> = {
    valuesCount: facts.valuesCount,
    nullCount: facts.nullCount,
    nullProportion: ratio(facts.nullCount, (facts.nullCount ?? 0) + (facts.valuesCount ?? 0)),
    distinctCount: facts.distinctCount,
    distinctProportion: ratio(facts.distinctCount, facts.valuesCount),
    duplicateCount: facts.valuesCount !== undefined && facts.distinctCount !== undefined ? facts.valuesCount - facts.distinctCount : undefined,
    uniqueCount: facts.uniqueCount,
    uniqueProportion: ratio(facts.uniqueCount, facts.valuesCount),
    min: column.kind === 'datetime' ? facts.minText : facts.min,
    max: column.kind === 'datetime' ? facts.maxText : facts.max,
    minLength: facts.minLength,
    maxLength: facts.maxLength,
    mean: facts.mean,
    sum: facts.sum,
    stddev: facts.stddev,
    median: facts.median,
    firstQuartile: facts.firstQuartile,
    thirdQuartile: facts.thirdQuartile,
    interQuartileRange: iqr,
    nonParametricSkew: skew !== undefined && Number.isFinite(skew) ? skew : undefined,
    histogram: facts.histogram,
  };
  const out: ColumnProfileBody = { name: column.name, timestamp };
  for (const metric of column.reported) {
    const value = all[metric as keyof typeof all];
    if (value !== undefined) (out as Record<string, unknown>)[metric] = value;
  }
  return out;
}
