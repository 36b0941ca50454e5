import type { DatabaseProfilerPipelineConfig, PostgresConnectionConfig, TableProfilerSettings, WorkflowConfig } from '../config/types.js';
import { missingTable } from '../sinks/table-lookup.js';
import type { Logger } from '../util/logger.js';
import type { ServerTables } from './server-tables.js';
import { budgetModes, type ProfileMode } from './profile-mode.js';
import { NameFilter } from '../metadata/name-filter.js';
import { buildFqn, InvalidNameError, readableFqn, splitFqn } from '../openmetadata/fqn.js';
import { CatalogReader } from '../postgres/catalog-reader.js';
import { SourcePool } from '../postgres/source-pool.js';
import { mapColumnType } from '../postgres/type-map.js';
import type { SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import { PostgresSourceBase } from '../postgres/postgres-source-base.js';

/** A table the profiler is to read: what the catalog says of it. */
export interface ProfilerTable {
  database: string;
  schema: string;
  name: string;
  fqn: string;
  /** pg_class.relkind: r table, p partitioned, m materialized view, v view, f foreign table. */
  kind: string;
  columns: Array<{ name: string; dataType: string }>;
  /** The planner's estimate (pg_class.reltuples; negative or 0 when never analysed). */
  estimatedRows: number;
  sizeInByte?: number;
  /** Columns a single-column primary key or unique constraint covers: their values are distinct by definition. */
  uniqueColumns: string[];
  /** Columns whose equal values may differ (a non-deterministic collation, citext): a group's values vary in length. */
  looseColumns: string[];
  /** Columns with a deterministic collation: equal means the same bytes, so they group alike in the C collation. */
  bytewiseColumns: string[];
  /** The table's tableProfilerConfig on the server (metadata-rest runs). */
  storedConfig?: TableProfilerSettings;
  /** Exact, sampled for the time budget, or from statistics (useStatistics, no SELECT, or the budget). */
  mode: ProfileMode;
}

const SIZES_SQL = `
select c.oid::int8 as oid, c.reltuples::float8 as estimated_rows,
  case when c.relkind in ('r', 'p', 'm') then pg_catalog.pg_total_relation_size(c.oid)::int8 end as size,
  pg_catalog.has_table_privilege(c.oid, 'SELECT') as readable
from pg_catalog.pg_class c where c.oid = any($1::oid[])`;

/**
 * The columns that compare by a collation, and whether `=` may hold between different strings in them: a
 * non-deterministic collation (Postgres 12+) or citext (also as a domain's base type).
 */
const collatedColumnsSql = (major: number) => `
select a.attrelid::int8 as table_oid, a.attname as name,
  (base.typname = 'citext'${major >= 12 ? ' or c.collisdeterministic is false' : ''}) as loose
from pg_catalog.pg_attribute a
join pg_catalog.pg_type t on t.oid = a.atttypid
join pg_catalog.pg_type base on base.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
left join pg_catalog.pg_collation c on c.oid = a.attcollation
where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
  and (a.attcollation <> 0 or base.typname = 'citext')`;

/**
 * OpenMetadata's profiler source for Postgres: the tables of each database the filters keep (views too unless
 * includeViews is false), with their columns typed as the metadata workflow types them.
 */
export class ProfilerSource extends PostgresSourceBase<DatabaseProfilerPipelineConfig> implements Source {
  constructor(
    config: WorkflowConfig,
    log: Logger,
    lookUpConnection?: () => Promise<PostgresConnectionConfig>,
    /** With metadata-rest: the server's tables, the only ones profiled (as OpenMetadata does). */
    private readonly serverTables?: ServerTables,
  ) {
    super(config, log, lookUpConnection);
  }

  async prepare(): Promise<void> {
    await this.connectDatabases();
  }

  /** With timeBudgetSeconds: the exact tables of the run sampled or left to statistics so that the run fits. */
  private applyBudget(tables: ProfilerTable[], seconds: number): void {
    const exact = tables.filter((t) => t.mode.kind === 'exact');
    const modes = budgetModes(
      exact.map((t) => ({ estimatedRows: t.estimatedRows, columnCount: t.columns.length })),
      seconds,
      Math.floor(this.pipeline.threadCount ?? 5),
    );
    exact.forEach((table, i) => (table.mode = modes[i] as ProfileMode));
  }

  /**
   * AutoClassification's classificationFilterPattern, as a test of a table's tags, the way OpenMetadata applies it: a
   * table is dropped as soon as one of its tags (by name, or FQN with useFqnForFiltering) is filtered out; a table
   * without tags is kept only when the pattern includes nothing.
   */
  private classificationFilter(byFqn: boolean): ((tags: readonly string[]) => boolean) | undefined {
    const pattern = this.pipeline.classificationOnly?.classificationFilterPattern;
    if (!pattern) return undefined;
    const filter = new NameFilter(pattern);
    const includesSome = (pattern.includes ?? []).length > 0;
    return (tags) => {
      if (tags.length === 0) return !includesSome;
      return !tags.some((tag) => filter.rejects(byFqn ? tag : (splitFqn(tag).at(-1) ?? tag)));
    };
  }

  /** A pool of `connections` read-only sessions on a database, for the processor that reads the tables. */
  openPool(database: string, connections: number): Promise<SourcePool> {
    return SourcePool.open(this.connection, database, { maxConnections: connections });
  }

  async *events(): AsyncGenerator<SourceEvent> {
    if (!this.databases) throw new Error('prepare() must run before events()');
    const schemaFilter = new NameFilter(this.pipeline.schemaFilterPattern);
    const tableFilter = new NameFilter(this.pipeline.tableFilterPattern);
    let tablesKnown = 0;
    const byFqn = this.pipeline.useFqnForFiltering === true;
    const byTags = this.classificationFilter(byFqn);
    if (byTags && !this.serverTables) {
      yield { kind: 'warning', name: this.service, message: "classificationFilterPattern needs the server's tags (sink metadata-rest): not applied" };
    }
    // A time budget is the whole run's: every database's tables are listed before any is planned or profiled.
    const budget = this.pipeline.timeBudgetSeconds;
    const planned: ProfilerTable[] = [];
    for await (const visit of this.databases.each(this.service, this.pipeline.databaseFilterPattern)) {
      if (visit.kind === 'event') {
        yield visit.event;
        continue;
      }
      const held = this.serverTables ? await this.serverTables(readableFqn(this.service, visit.name)) : undefined;
      if (held?.size === 0) {
        yield {
          kind: 'warning',
          name: readableFqn(this.service, visit.name),
          message: 'the server holds no table of this database (run the metadata workflow first)',
        };
        continue;
      }
      const reader = new CatalogReader(visit.pool);
      const schemas = [];
      for (const schema of await reader.schemas()) {
        const name = byFqn ? readableFqn(this.service, visit.name, schema.name) : schema.name;
        if (schemaFilter.rejects(name))
          yield { kind: 'filtered', name: readableFqn(this.service, visit.name, schema.name), reason: 'Schema Filtered Out' };
        else schemas.push(schema);
      }
      const schemaNames = new Map(schemas.map((s) => [s.oid, s.name]));
      const relations = (await reader.relations(schemas.map((s) => s.oid))).filter((relation) => {
        if (this.pipeline.includeViews === false && (relation.kind === 'v' || relation.kind === 'm')) return false;
        return true;
      });
      const types = await reader.types(schemas.map((s) => s.oid));
      const columns = await reader.columns(relations.map((r) => r.oid));
      const unique = new Map<number, string[]>();
      for (const constraint of await reader.constraints(relations.map((r) => r.oid))) {
        if ((constraint.kind === 'p' || constraint.kind === 'u') && constraint.columns.length === 1) {
          unique.set(constraint.tableOid, [...(unique.get(constraint.tableOid) ?? []), constraint.columns[0] as string]);
        }
      }
      const loose = new Map<number, string[]>();
      const bytewise = new Map<number, string[]>();
      for (const row of await visit.pool.query<{ table_oid: string; name: string; loose: boolean }>(collatedColumnsSql(visit.pool.major), [
        relations.map((r) => r.oid),
      ])) {
        const into = row.loose ? loose : bytewise;
        into.set(Number(row.table_oid), [...(into.get(Number(row.table_oid)) ?? []), row.name]);
      }
      const sizes = new Map(
        (
          await visit.pool.query<{ oid: string; estimated_rows: number; size: string | null; readable: boolean }>(SIZES_SQL, [
            relations.map((r) => r.oid),
          ])
        ).map((row) => [Number(row.oid), row]),
      );
      const ready: ProfilerTable[] = [];
      for (const relation of relations) {
        const schema = schemaNames.get(relation.schemaOid) as string;
        const display = readableFqn(this.service, visit.name, schema, relation.name);
        if (tableFilter.rejects(byFqn ? display : relation.name)) {
          yield { kind: 'filtered', name: display, reason: 'Table Filtered Out' };
          continue;
        }
        let fqn: string;
        try {
          fqn = buildFqn(this.service, visit.name, schema, relation.name);
        } catch (error) {
          if (!(error instanceof InvalidNameError)) throw error;
          yield { kind: 'failure', failure: { name: display, error: error.message } };
          continue;
        }
        if (held && !held.has(fqn)) {
          yield { kind: 'warning', name: fqn, message: missingTable(fqn) };
          continue;
        }
        if (held && byTags && !byTags(held.get(fqn)?.tags ?? [])) {
          yield { kind: 'filtered', name: fqn, reason: 'Classification Filtered Out' };
          continue;
        }
        const size = sizes.get(relation.oid);
        const table: ProfilerTable = {
          database: visit.name,
          schema,
          name: relation.name,
          fqn,
          kind: relation.kind,
          columns: columns
            .filter((c) => c.tableOid === relation.oid)
            .sort((a, b) => a.attnum - b.attnum)
            .map((c) => ({ name: c.name, dataType: mapColumnType(c.typeOid, c.typmod, types).dataType })),
          estimatedRows: Number(size?.estimated_rows ?? -1),
          sizeInByte: size?.size === null || size?.size === undefined ? undefined : Number(size.size),
          uniqueColumns: unique.get(relation.oid) ?? [],
          looseColumns: loose.get(relation.oid) ?? [],
          bytewiseColumns: bytewise.get(relation.oid) ?? [],
          storedConfig: held?.get(fqn)?.profilerConfig ?? undefined,
          mode: this.pipeline.useStatistics
            ? { kind: 'statistics', reason: 'useStatistics' }
            : size?.readable === false
              ? { kind: 'statistics', reason: 'the role may not SELECT from it: catalog statistics only' }
              : { kind: 'exact' },
        };
        ready.push(table);
      }
      if (budget !== undefined) {
        planned.push(...ready);
        continue;
      }
      // The tables known so far (one database's at a time): progress shows done of total, and an ETA.
      tablesKnown += ready.length;
      yield { kind: 'total', count: tablesKnown };
      for (const table of ready) yield { kind: 'record', record: { type: 'profilerTable', data: table, entityName: table.fqn } };
    }
    if (budget === undefined) return;
    this.applyBudget(planned, budget);
    yield { kind: 'total', count: planned.length };
    for (const table of planned) yield { kind: 'record', record: { type: 'profilerTable', data: table, entityName: table.fqn } };
  }
}
