import type { DatabaseProfilerPipelineConfig, ProfilerProcessorConfig } from '../config/types.js';
import { buildFqn } from '../openmetadata/fqn.js';
import type { SqlParser } from '../usage/sql-parser.js';
import { columnKind } from './column-kinds.js';
import { computedMetrics, metricNamed, reportedMetrics, type ColumnMetric } from './metrics.js';
import type { ProfilePlan } from './profile-plan-types.js';
import { profileQueryProblem } from './profile-query-check.js';
import { partitionSpec, resolveTableSettings, sampleSpec } from './profile-settings.js';
import type { ProfilerTable } from './profiler-source.js';

export interface PlanOptions {
  pipeline: DatabaseProfilerPipelineConfig;
  processor?: ProfilerProcessorConfig;
  parser: SqlParser;
  service: string;
  /** The run's seed for TABLESAMPLE ... REPEATABLE (randomizedSample false: a fixed one per table). */
  seed: number;
}

/** A plan, with what the config said of this table that could not be used; or why the table cannot be profiled. */
export type PlanResult = { ok: true; plan: ProfilePlan; warnings: string[] } | { ok: false; error: string };

/** A number from a text, the same for the same text: a table's seed when samples must not vary between runs. */
function stableSeed(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export function planTable(table: ProfilerTable, options: PlanOptions): PlanResult {
  const { pipeline, processor } = options;
  const identity = {
    fqn: table.fqn,
    schemaFqn: buildFqn(options.service, table.database, table.schema),
    databaseFqn: buildFqn(options.service, table.database),
  };
  const settings = resolveTableSettings(identity, pipeline, processor, table.storedConfig);
  const warnings: string[] = [];
  const known = new Set(table.columns.map((c) => c.name));
  for (const name of settings.excludeColumns) if (!known.has(name)) warnings.push(`excludeColumns names '${name}', which ${table.fqn} does not have`);
  const excluded = new Set(settings.excludeColumns);

  const computeMetrics = pipeline.computeMetrics !== false;
  const computeColumns = computeMetrics && pipeline.computeColumnMetrics !== false;
  const globalMetrics = metricList(processor?.profiler?.metrics, 'profiler.metrics', warnings);
  const include = new Map<string, readonly ColumnMetric[] | undefined>();
  for (const entry of settings.includeColumns ?? []) {
    if (!known.has(entry.columnName)) warnings.push(`includeColumns names '${entry.columnName}', which ${table.fqn} does not have`);
    else include.set(entry.columnName, metricList(entry.metrics ?? undefined, `includeColumns metrics of ${entry.columnName}`, warnings));
  }
  const profiled = table.columns.filter((c) => !excluded.has(c.name) && (include.size === 0 || include.has(c.name)));
  const metricColumns = computeColumns
    ? profiled.map((column) => {
        const kind = columnKind(column.dataType);
        const only = include.get(column.name) ?? globalMetrics;
        const reported = reportedMetrics(kind, only);
        const knownUnique = !settings.profileQuery && table.uniqueColumns.includes(column.name);
        const looseEquality = table.looseColumns.includes(column.name);
        return {
          name: column.name,
          kind,
          readAsNumeric: column.dataType === 'NUMBER',
          knownUnique,
          looseEquality,
          bytewise: table.bytewiseColumns.includes(column.name),
          metrics: computedMetrics(reported),
          reported,
        };
      })
    : [];

  if (settings.profileQuery) {
    const problem = profileQueryProblem(options.parser, settings.profileQuery);
    if (problem) return { ok: false, error: problem };
  }
  let partition;
  if (settings.partition && !settings.profileQuery) {
    const spec = partitionSpec(settings.partition);
    if (typeof spec === 'string') return { ok: false, error: spec };
    if (!known.has(spec.column)) return { ok: false, error: `partitionColumnName '${spec.column}' is not a column of ${table.fqn}` };
    partition = spec;
  }
  // The time budget samples a table the user left whole (a sample or profileQuery of theirs wins).
  if (table.mode.kind === 'sample' && !settings.profileQuery && settings.profileSample === undefined) {
    settings.profileSample = table.mode.percent;
    settings.profileSampleType = 'PERCENTAGE';
  }
  const sample = sampleSpec(settings, {
    // SYSTEM reads only the sampled blocks: what a time budget needs.
    method: table.mode.kind === 'sample' ? 'SYSTEM' : (pipeline.samplingMethodType ?? 'BERNOULLI'),
    seed: pipeline.randomizedSample === false ? stableSeed(table.fqn) : options.seed,
    estimatedRows: table.estimatedRows,
    sampleable: ['r', 'p', 'm'].includes(table.kind),
  });
  const plan: ProfilePlan = {
    fqn: table.fqn,
    schema: table.schema,
    table: table.name,
    columns: table.columns,
    metricColumns,
    computeTableMetrics: computeMetrics && pipeline.computeTableMetrics !== false,
    sample,
    partition,
    profileSample: settings.profileSample,
    profileSampleType: settings.profileSample !== undefined ? settings.profileSampleType : undefined,
    sampleDataCount: pipeline.generateSampleData === false ? 0 : settings.sampleDataCount,
    sampleColumns: table.columns.filter((c) => !excluded.has(c.name)).map((c) => c.name),
    timeoutSeconds: pipeline.timeoutSeconds ?? 43200,
    sizeInByte: table.sizeInByte,
    estimatedRows: table.estimatedRows,
    pii: pipeline.processPiiSensitive ? { confidence: pipeline.confidence ?? 80 } : undefined,
  };
  return { ok: true, plan, warnings };
}

function metricList(names: readonly string[] | undefined, where: string, warnings: string[]): ColumnMetric[] | undefined {
  if (!names || names.length === 0) return undefined;
  const out: ColumnMetric[] = [];
  for (const name of names) {
    const metric = metricNamed(name);
    if (metric) out.push(metric);
    else warnings.push(`${where}: unknown metric '${name}'`);
  }
  return out;
}
