import { createHash } from 'node:crypto';
import { ConfigError } from '../config/config-error.js';
import type { FilterPattern, PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { kindOf, type WorkflowKind } from '../config/workflow-kind.js';
import { NameFilter } from '../metadata/name-filter.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { CatalogReader } from '../postgres/catalog-reader.js';
import { SourcePool } from '../postgres/source-pool.js';

/**
 * Sharding splits one run into runs of one schema each (one database each with ingestAllDatabases), which Airflow's
 * executors spread over machines. A shard is the same workflow with its filter narrowed to that one name: every
 * other filter still applies, mark-deleted still compares with everything the database holds (so a shard never
 * deletes what another shard owns), and a file sink writes a file of its own per shard.
 */
export const SHARDABLE_KINDS: readonly WorkflowKind[] = ['metadata', 'profiler'];

export type ShardUnit = 'schema' | 'database';

export function shardUnit(config: WorkflowConfig): ShardUnit {
  return config.source.serviceConnection?.config.ingestAllDatabases ? 'database' : 'schema';
}

/** Why the workflow cannot be run in shards, or undefined when it can. */
export function shardProblem(config: WorkflowConfig): string | undefined {
  const type = config.source.sourceConfig.config.type;
  const kind = kindOf(type)?.kind;
  if (!kind || !SHARDABLE_KINDS.includes(kind))
    return `a ${type} workflow is not split into shards (only DatabaseMetadata, Profiler and AutoClassification are)`;
  if (!config.source.serviceConnection) return 'sharding needs source.serviceConnection (the shards are listed from the database)';
  return undefined;
}

/** A Python regex that matches exactly this text (filters are Python regexes, matched ignoring case). */
const exactly = (text: string): string => `^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;

/**
 * The shard's output file: the sink's file with the shard's name before the extension (`out.sales.ndjson`); a name
 * with characters a file name should not hold is made safe and told apart by a digest (`out.My_Schema-3f2a9c.ndjson`).
 */
export function shardFile(filename: string, shard: string): string {
  const cleaned = shard.replace(/[^\w.-]+/g, '_');
  const safe = cleaned === shard ? shard : `${cleaned}-${createHash('sha256').update(shard).digest('hex').slice(0, 6)}`;
  const dot = filename.lastIndexOf('.');
  const slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
  return dot > slash + 1 ? `${filename.slice(0, dot)}.${safe}${filename.slice(dot)}` : `${filename}.${safe}`;
}

/** The workflow of one shard: its schema (or database) filter narrowed to the one name. Throws ConfigError. */
export function applyShard(config: WorkflowConfig, file: string, shard: string): WorkflowConfig {
  const problem = shardProblem(config);
  if (problem) throw new ConfigError(file, [{ path: 'source.sourceConfig.config.type', message: `--shard ${shard}: ${problem}` }]);
  const copy = structuredClone(config);
  const pipeline = copy.source.sourceConfig.config as unknown as Record<string, unknown>;
  const connection = copy.source.serviceConnection?.config as PostgresConnectionConfig;
  const byFqn = pipeline.useFqnForFiltering === true;
  const only = (fqn: string, name: string): FilterPattern => ({ includes: [exactly(byFqn ? fqn : name)], exactly: [byFqn ? fqn : name] });
  if (shardUnit(config) === 'database') pipeline.databaseFilterPattern = only(buildFqn(copy.source.serviceName, shard), shard);
  else pipeline.schemaFilterPattern = only(buildFqn(copy.source.serviceName, connection.database ?? 'postgres', shard), shard);
  if (copy.sink?.type === 'file' && typeof copy.sink.config?.filename === 'string') {
    copy.sink = { ...copy.sink, config: { ...copy.sink.config, filename: shardFile(copy.sink.config.filename, shard) } };
  }
  return copy;
}

/** The shards of a run: the schemas (or databases) its filters keep, read from the database. Throws ConfigError. */
export async function listShards(config: WorkflowConfig, file: string): Promise<string[]> {
  const problem = shardProblem(config);
  if (problem) throw new ConfigError(file, [{ path: 'source.sourceConfig.config.type', message: problem }]);
  const connection = config.source.serviceConnection?.config as PostgresConnectionConfig;
  const pipeline = config.source.sourceConfig.config as unknown as { useFqnForFiltering?: boolean } & Record<string, FilterPattern | undefined>;
  const database = connection.database ?? 'postgres';
  const pool = await SourcePool.open(connection, database, { maxConnections: 1 });
  try {
    const reader = new CatalogReader(pool);
    const service = config.source.serviceName;
    if (shardUnit(config) === 'database') {
      const filter = new NameFilter(pipeline.databaseFilterPattern);
      return (await reader.databases())
        .map((d) => d.name)
        .filter((name) => !filter.rejects(pipeline.useFqnForFiltering ? buildFqn(service, name) : name));
    }
    const filter = new NameFilter(pipeline.schemaFilterPattern);
    return (await reader.schemas())
      .map((s) => s.name)
      .filter((name) => !filter.rejects(pipeline.useFqnForFiltering ? buildFqn(service, database, name) : name));
  } finally {
    await pool.close();
  }
}

/** A shard's name as a mapped task receives it: its UTF-8 bytes in hex, which no template engine reads anything into. */
export const shardToHex = (shard: string): string => Buffer.from(shard, 'utf8').toString('hex');

/** The name `shardToHex` wrote, or undefined when `hex` is no such thing. */
export function shardFromHex(hex: string): string | undefined {
  if (hex === '' || !/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  const name = Buffer.from(hex, 'hex').toString('utf8');
  return shardToHex(name) === hex.toLowerCase() ? name : undefined;
}
