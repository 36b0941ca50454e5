import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { CatalogReader } from '../../src/postgres/catalog-reader.js';
import type { SourcePool } from '../../src/postgres/source-pool.js';
import { elapsedMs } from '../support/format.js';
import type { ServerStat } from './server-stats.js';

const VIEW_BATCH = 250;

interface QueryTiming {
  name: string;
  ms: number;
  rows: number;
  statements: number;
}

export interface BaselineRun {
  totalMs: number;
  /** CPU this process spent during the run (reading and shaping rows), user + system, ms. */
  cpuMs: number;
  queries: QueryTiming[];
  server: ServerStat[];
}

export function connectionOf(url: string): PostgresConnectionConfig {
  const u = new URL(url);
  return {
    type: 'Postgres',
    username: decodeURIComponent(u.username),
    hostPort: `${u.hostname}:${u.port}`,
    database: u.pathname.slice(1),
    sslMode: 'disable',
  };
}

/** Every fact the workflow writes, by the set-based queries, sequentially on one connection. */
export async function baselineOnce(pool: SourcePool): Promise<BaselineRun> {
  const reader = new CatalogReader(pool);
  const queries: QueryTiming[] = [];
  const timed = async <T>(name: string, statements: number, rowsOf: (r: T) => number, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    queries.push({ name, ms: elapsedMs(start), rows: rowsOf(result), statements });
    return result;
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await timed(
    'database',
    1,
    () => 1,
    () => reader.currentDatabase(),
  );
  const schemas = await timed(
    'schemas',
    1,
    (r) => r.length,
    () => reader.schemas(),
  );
  const schemaOids = schemas.map((s) => s.oid);
  const relations = await timed(
    'relations',
    1,
    (r) => r.length,
    () => reader.relations(schemaOids),
  );
  await timed(
    'types',
    1,
    (r) => r.size,
    () => reader.types(schemaOids),
  );
  const oids = relations.map((r) => r.oid);
  const columns = await timed(
    'columns',
    1,
    (r) => r.length,
    () => reader.columns(oids),
  );
  await timed(
    'constraints',
    1,
    (r) => r.length,
    () => reader.constraints(oids),
  );
  const tableOids = relations.filter((r) => r.kind === 'r' || r.kind === 'p' || r.kind === 'f').map((r) => r.oid);
  await timed(
    'column defaults (DDL)',
    1,
    (r) => r.length,
    () => reader.columnDefaults(tableOids, [...new Set(columns.filter((c) => c.generated !== '').map((c) => c.tableOid))]),
  );
  const viewOids = relations.filter((r) => r.kind === 'v' || r.kind === 'm').map((r) => r.oid);
  const batches = Math.ceil(viewOids.length / VIEW_BATCH);
  await timed(
    `view definitions (${batches} × ≤${VIEW_BATCH})`,
    batches,
    (r) => r,
    async () => {
      let rows = 0;
      for (let i = 0; i < viewOids.length; i += VIEW_BATCH) rows += (await reader.viewDefinitions(viewOids.slice(i, i + VIEW_BATCH))).size;
      return rows;
    },
  );
  await timed(
    'policies',
    1,
    (r) => r.length,
    () => reader.policies(schemaOids),
  );
  await timed(
    'routines',
    1,
    (r) => r.length,
    () => reader.routines(schemaOids),
  );
  await timed(
    'extension members',
    1,
    (r) => r.length,
    () => reader.extensionMembers(schemaOids),
  );
  const cpu = process.cpuUsage(cpuStart);
  return { totalMs: elapsedMs(start), cpuMs: (cpu.user + cpu.system) / 1000, queries, server: [] };
}
