import type {
  DatabaseProfilerPipelineConfig,
  PartitionConfig,
  ProfilerProcessorConfig,
  ProfileSampleType,
  TableProfilerSettings,
} from '../config/types.js';
import type { PartitionSpec, SampleSpec } from './sample-source.js';
import { rowsSamplePercent } from './sample-source.js';

/** What OpenMetadata's precedence rules make of the configs for one table. */
export interface TableSettings {
  profileSample?: number;
  profileSampleType: ProfileSampleType;
  sampleDataCount: number;
  profileQuery?: string;
  partition?: PartitionConfig;
  excludeColumns: string[];
  includeColumns?: Array<{ columnName: string; metrics?: string[] | null }>;
}

export interface TableIdentity {
  fqn: string;
  schemaFqn: string;
  databaseFqn: string;
}

const DEFAULT_SAMPLE_DATA_COUNT = 50;

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * OpenMetadata's precedence: for the sample, the first of the YAML's tableConfig entry, its schemaConfig and
 * databaseConfig entries, the table's stored tableProfilerConfig and the sourceConfig that sets a profileSample wins
 * (with its profileSampleType); profileQuery, partitioning and column settings come from the YAML's table entry,
 * else from the stored config.
 */
export function resolveTableSettings(
  table: TableIdentity,
  pipeline: DatabaseProfilerPipelineConfig,
  processor: ProfilerProcessorConfig | undefined,
  stored?: TableProfilerSettings,
): TableSettings {
  const entry = processor?.tableConfig?.find((c) => c.fullyQualifiedName === table.fqn);
  const schema = processor?.schemaConfig?.find((c) => c.fullyQualifiedName === table.schemaFqn);
  const database = processor?.databaseConfig?.find((c) => c.fullyQualifiedName === table.databaseFqn);
  const candidates = [entry, schema, database, stored, pipeline];
  const sampleFrom = candidates.find((c) => present(c?.profileSample));
  const countFrom = candidates.find((c) => present(c?.sampleDataCount));
  const partition = [entry?.partitionConfig, stored?.partitioning, stored?.partitionConfig].find((p) => p?.enablePartitioning);
  const columns =
    entry?.columnConfig ??
    (stored ? { excludeColumns: stored.excludeColumns ?? undefined, includeColumns: stored.includeColumns ?? undefined } : undefined);
  return {
    profileSample: sampleFrom?.profileSample ?? undefined,
    profileSampleType: sampleFrom?.profileSampleType ?? pipeline.profileSampleType ?? 'PERCENTAGE',
    sampleDataCount: countFrom?.sampleDataCount ?? DEFAULT_SAMPLE_DATA_COUNT,
    profileQuery: (entry?.profileQuery ?? stored?.profileQuery) || undefined,
    partition,
    excludeColumns: columns?.excludeColumns ?? [],
    includeColumns: columns?.includeColumns && columns.includeColumns.length > 0 ? columns.includeColumns : undefined,
  };
}

/** Why a partitionConfig cannot be used, or its filter. */
export function partitionSpec(config: PartitionConfig): PartitionSpec | string {
  const column = config.partitionColumnName;
  if (!column) return 'partitionConfig has no partitionColumnName';
  switch (config.partitionIntervalType ?? 'TIME-UNIT') {
    case 'TIME-UNIT':
    case 'INGESTION-TIME':
      return { kind: 'timeUnit', column, interval: config.partitionInterval ?? 1, unit: config.partitionIntervalUnit ?? 'DAY' };
    case 'INTEGER-RANGE':
      if (!present(config.partitionIntegerRangeStart) || !present(config.partitionIntegerRangeEnd))
        return 'an INTEGER-RANGE partitionConfig needs partitionIntegerRangeStart and partitionIntegerRangeEnd';
      return { kind: 'integerRange', column, start: config.partitionIntegerRangeStart, end: config.partitionIntegerRangeEnd };
    case 'COLUMN-VALUE':
      return { kind: 'columnValue', column, values: config.partitionValues ?? [] };
  }
}

/**
 * The rows to profile. TABLESAMPLE works on tables and materialized views; a view or foreign table is sampled by a
 * hash of each row's text instead (the same rows for every statement as well).
 */
export function sampleSpec(
  settings: TableSettings,
  options: { method: 'BERNOULLI' | 'SYSTEM'; seed: number; estimatedRows: number; sampleable: boolean },
): SampleSpec {
  if (settings.profileQuery) return { kind: 'query', sql: settings.profileQuery };
  const sample = settings.profileSample;
  if (!present(sample)) return { kind: 'table' };
  if (settings.profileSampleType === 'ROWS') {
    const rows = Math.max(0, Math.floor(sample));
    const percent = rowsSamplePercent(rows, options.estimatedRows);
    return { kind: 'rows', rows, percent, method: options.sampleable ? options.method : 'HASH', seed: options.seed };
  }
  if (sample >= 100) return { kind: 'table' };
  return { kind: 'percentage', percent: Math.max(0, sample), method: options.sampleable ? options.method : 'HASH', seed: options.seed };
}
