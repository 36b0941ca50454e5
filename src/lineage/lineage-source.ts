import type { DatabaseLineagePipelineConfig, FilterPattern, PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import { NameFilter } from '../metadata/name-filter.js';
import type { SourcePool } from '../postgres/source-pool.js';
import { mayWrite, pgStatStatementsSchema, readStatements } from '../usage/pg-stat-statements.js';
import { checkQueryLog, readQueryLog } from '../usage/query-log-file.js';
import type { QueryRecord } from '../usage/query-record.js';
import { loadSqlParser, SqlSyntaxError, type SqlParser } from '../usage/sql-parser.js';
import type { Logger } from '../util/logger.js';
import { excerpt } from '../util/text-excerpt.js';
import type { SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import { PostgresSourceBase } from '../postgres/postgres-source-base.js';
import { readCatalogSnapshot, type CatalogSnapshot } from './catalog-snapshot.js';
import { edgeKey, type TableName } from './lineage-catalog.js';
import { copyEdge, mergeEdgeColumns, type TableEdge } from './lineage-edges.js';
import { buildAddLineage, tableFqn, type LineageSource as LineageKind } from './lineage-request.js';
import { LineageTally } from './lineage-tally.js';
import { LineageTimeoutError } from './query-analyzer.js';
import { TextCache } from './text-cache.js';
import { textLineage, type TextLineage } from './text-lineage.js';
import { viewLineage } from './view-lineage.js';
import { ROUTINE_BODIES_SQL } from './lineage-queries.js';
import { routineLineage, type RoutineBody, type RoutineStatementLineage } from './routine-lineage.js';
import { buildFqn } from '../openmetadata/fqn.js';
import { routineName } from '../metadata/entity-requests.js';
import type { RoutineRow } from '../postgres/catalog-rows.js';

interface PendingEdge {
  edge: TableEdge;
  sqlQuery: string;
  kind: LineageKind;
  /** FQN of the stored procedure whose body makes the edge. */
  procedure?: string;
}

/**
 * OpenMetadata's DatabaseLineage source for Postgres: edges from view definitions (checked against pg_depend) and
 * from the query history (pg_stat_statements or a query-log file), parsed by Postgres's own grammar and resolved
 * against each database's catalog. Edges are deduplicated per table pair before they are sent.
 */
export class PostgresLineageSource extends PostgresSourceBase<DatabaseLineagePipelineConfig> implements Source {
  private parser?: SqlParser;
  private readonly schemaFilter: NameFilter;
  private readonly tableFilter: NameFilter;

  constructor(config: WorkflowConfig, log: Logger, lookUpConnection?: () => Promise<PostgresConnectionConfig>) {
    super(config, log, lookUpConnection);
    this.schemaFilter = new NameFilter(this.pipeline.schemaFilterPattern);
    this.tableFilter = new NameFilter(this.pipeline.tableFilterPattern);
  }

  private get readsHistory(): boolean {
    return this.pipeline.processQueryLineage !== false && !this.pipeline.queryLogFilePath;
  }

  async prepare(): Promise<void> {
    const databases = await this.connectDatabases();
    const first = databases.first;
    if (this.pipeline.queryLogFilePath) checkQueryLog(this.pipeline.queryLogFilePath);
    // A history that cannot be read is the run's failure, said before anything else happens: never an empty success.
    if (this.readsHistory) await pgStatStatementsSchema(first, databases.initialDatabase, this.connection.username);
    this.parser = await loadSqlParser();
  }

  async *events(): AsyncGenerator<SourceEvent> {
    if (!this.databases || !this.parser) throw new Error('prepare() must run before events()');
    const tally = new LineageTally();
    const check = this.readsHistory
      ? (pool: SourcePool, name: string) => pgStatStatementsSchema(pool, name, this.connection.username).then(() => undefined)
      : undefined;
    for await (const database of this.databases.each(this.service, this.pipeline.databaseFilterPattern, check)) {
      if (database.kind === 'event') {
        yield database.event;
        continue;
      }
      yield* this.lineageOf(database.name, database.pool, tally);
    }
    yield* tally.facts(this.pipeline.processViewLineage !== false, this.pipeline.processStoredProcedureLineage !== false);
  }

  private keeps(table: TableName): boolean {
    return !this.schemaFilter.rejects(table.schema) && !this.tableFilter.rejects(table.name);
  }

  private async *lineageOf(database: string, pool: SourcePool, tally: LineageTally): AsyncGenerator<SourceEvent> {
    const parser = this.parser as SqlParser;
    const snapshot = await readCatalogSnapshot(pool);
    const edges = new Map<string, PendingEdge>();
    if (this.pipeline.processViewLineage !== false) {
      const views = snapshot.relations.filter((r) => (r.kind === 'view' || r.kind === 'materializedView') && this.keeps(r));
      for await (const event of viewLineage(pool, parser, snapshot.catalog, views)) {
        const name = tableFqn(this.service, database, event.kind === 'view' ? event.result.view : event.view);
        if (event.kind === 'unparsed') {
          tally.viewUnparsed++;
          yield { kind: 'warning', name, message: `view definition not parsed: ${event.reason}` };
          continue;
        }
        const { check, lineage, definition } = event.result;
        tally.addViewCheck(check);
        for (const table of check.contradicted)
          yield { kind: 'warning', name, message: `lineage found ${table}, which pg_depend does not list for this view` };
        for (const table of check.missed) yield { kind: 'warning', name, message: `pg_depend lists ${table}, which the view's lineage did not find` };
        for (const edge of lineage.edges) edges.set(edgeKey(edge.from, edge.to), { edge, sqlQuery: definition, kind: 'ViewLineage' });
        // Its lineage is known (a definition that did not parse says nothing): what the server holds gives way to it.
        if (this.pipeline.overrideViewLineage === true) {
          const view = { type: 'table' as const, fullyQualifiedName: name };
          yield { kind: 'record', record: { type: 'clearViewLineage', data: { view }, entityName: name } };
        }
      }
    }
    if (this.pipeline.processStoredProcedureLineage !== false) yield* this.routineLineage(database, pool, snapshot, edges, tally);
    if (this.pipeline.processQueryLineage !== false) yield* this.queryLineage(database, pool, snapshot, edges, tally);
    for (const { edge, sqlQuery, kind, procedure } of edges.values()) {
      const name = `${tableFqn(this.service, database, edge.from)} -> ${tableFqn(this.service, database, edge.to)}`;
      if (!this.keeps(edge.from) || !this.keeps(edge.to)) {
        yield { kind: 'filtered', name, reason: 'Lineage Filtered Out' };
        continue;
      }
      yield {
        kind: 'record',
        record: { type: 'addLineage', data: buildAddLineage(this.service, database, edge, sqlQuery, kind, procedure), entityName: name },
      };
    }
  }

  /** Edges from the bodies of SQL and PL/pgSQL functions and procedures, each edge naming its routine. */
  private async *routineLineage(
    database: string,
    pool: SourcePool,
    snapshot: CatalogSnapshot,
    edges: Map<string, PendingEdge>,
    tally: LineageTally,
  ): AsyncGenerator<SourceEvent> {
    const parser = this.parser as SqlParser;
    const filter = new NameFilter((this.pipeline as { storedProcedureFilterPattern?: FilterPattern }).storedProcedureFilterPattern);
    const rows = await pool.query<Omit<RoutineBody, 'searchPath'> & { search_path: string | null }>(ROUTINE_BODIES_SQL);
    for (const row of rows) {
      if (this.schemaFilter.rejects(row.schema) || filter.rejects(row.name)) continue;
      const routine: RoutineBody = { ...row, searchPath: row.search_path };
      const fqn = buildFqn(
        this.service,
        database,
        routine.schema,
        routineName({ name: routine.name, arguments: routine.arguments } as RoutineRow, routine.overloaded),
      );
      tally.routines++;
      let statements: RoutineStatementLineage[];
      try {
        statements = routineLineage(parser, routine, snapshot.catalog);
      } catch (error) {
        tally.routinesUnparsed++;
        yield { kind: 'warning', name: fqn, message: `body not parsed: ${(error as Error).message}` };
        continue;
      }
      for (const { text, edges: found } of statements) {
        for (const edge of found) {
          const key = edgeKey(edge.from, edge.to);
          const known = edges.get(key);
          if (known?.kind === 'ViewLineage') continue;
          if (known) mergeEdgeColumns(known.edge, edge);
          else edges.set(key, { edge: copyEdge(edge), sqlQuery: text, kind: 'QueryLineage', procedure: fqn });
        }
      }
    }
  }

  private async *history(database: string, pool: SourcePool): AsyncGenerator<{ query: QueryRecord } | { warning: SourceEvent }> {
    const { queryLogFilePath } = this.pipeline;
    if (queryLogFilePath) {
      for await (const event of readQueryLog(queryLogFilePath)) {
        if (event.kind === 'warning') yield { warning: { kind: 'warning', name: `${queryLogFilePath}:${event.line}`, message: event.message } };
        else if (!event.query.databaseName || event.query.databaseName === database) yield { query: event.query };
      }
      return;
    }
    const schema = await pgStatStatementsSchema(pool, database, this.connection.username);
    const rows = await readStatements(pool, {
      schema,
      serverVersionNum: pool.serverVersionNum,
      resultLimit: this.pipeline.resultLimit,
      writesOnly: true,
      filterCondition: this.pipeline.filterCondition,
    });
    for (const query of rows) yield { query };
  }

  private async *queryLineage(
    database: string,
    pool: SourcePool,
    snapshot: CatalogSnapshot,
    edges: Map<string, PendingEdge>,
    tally: LineageTally,
  ): AsyncGenerator<SourceEvent> {
    const parser = this.parser as SqlParser;
    const cache = new TextCache<TextLineage | Error>();
    for await (const item of this.history(database, pool)) {
      if ('warning' in item) {
        yield item.warning;
        continue;
      }
      const { query } = item;
      if (query.aborted) continue;
      if (!mayWrite(query.text)) {
        tally.readOnly++;
        continue;
      }
      const searchPath = snapshot.searchPathOf(query.userName);
      const scope = `${searchPath.join(',')}\u0000${query.userName ?? ''}`;
      const lineage = cache.resolve(scope, query.text, () => {
        try {
          return textLineage(parser, query.text, {
            catalog: snapshot.catalog,
            searchPath,
            user: query.userName,
            timeoutSeconds: this.pipeline.parsingTimeoutLimit,
          });
        } catch (error) {
          return error as Error;
        }
      });
      tally.statements++;
      if (lineage instanceof Error) {
        tally.unparsed++;
        const reason =
          lineage instanceof SqlSyntaxError
            ? `not parsed: ${lineage.message}`
            : lineage instanceof LineageTimeoutError
              ? `skipped: ${lineage.message}`
              : `lineage analysis failed: ${lineage.message}`;
        yield { kind: 'warning', name: `query ${excerpt(query.text)}`, message: reason };
        continue;
      }
      for (const name of lineage.unresolved) tally.unresolved.add(`${database}: ${name}`);
      // A view's lineage is its current definition's, never a CREATE VIEW the history still holds: the view may have
      // been redefined or dropped since, and no data moved when it was created.
      if (lineage.commands.length > 0 && lineage.commands.every((command) => command === 'CREATE VIEW')) continue;
      for (const edge of lineage.edges) {
        const known = edges.get(edgeKey(edge.from, edge.to));
        if (!known) edges.set(edgeKey(edge.from, edge.to), { edge: copyEdge(edge), sqlQuery: query.text, kind: 'QueryLineage' });
        // A view's edges are its definition's alone, whatever other statements also wrote into it.
        else if (known.kind !== 'ViewLineage') mergeEdgeColumns(known.edge, edge);
      }
    }
  }
}
