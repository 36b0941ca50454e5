import { splitColumnKey } from '../lineage/scope.js';
import { TextCache } from '../lineage/text-cache.js';
import { textLineage, type TextLineage } from '../lineage/text-lineage.js';
import type { TableName } from '../lineage/lineage-catalog.js';
import { StepStatus } from '../workflow/step-status.js';
import type { OutputRecord, ProcessorEvent, RecordOf } from '../workflow/records.js';
import type { Processor } from '../workflow/steps.js';
import { loadSqlParser, SqlSyntaxError, type SqlParser } from './sql-parser.js';
import type { ColumnJoin, ParsedQuery } from './usage-records.js';

const tableKey = (table: TableName): string => `${table.schema}\u0000${table.name}`;

/**
 * OpenMetadata's query-parser processor: each statement parsed (by Postgres's grammar, once per distinct text and
 * search path), its tables resolved in its database's catalog, its joins found. A statement that touches no table
 * is filtered; one the parser refuses is a warning, never a failure.
 */
export class QueryParserProcessor implements Processor {
  readonly status = new StepStatus('Query Parser');
  private parser?: SqlParser;
  private readonly cache = new TextCache<TextLineage | Error>();
  private statements = 0;
  private unparsed = 0;

  async prepare(): Promise<void> {
    this.parser = await loadSqlParser();
  }

  *process(record: OutputRecord): Generator<ProcessorEvent> {
    if (record.type !== 'tableQuery') {
      yield { kind: 'record', record };
      return;
    }
    this.statements++;
    const { query, catalog, database } = record.data;
    const searchPath = catalog.searchPathOf(query.userName);
    const scope = `${database}\u0000${searchPath.join(',')}\u0000${query.userName ?? ''}`;
    let analysis = this.cache.get(scope, query.text);
    if (!analysis) {
      try {
        analysis = textLineage(this.parser as SqlParser, query.text, { catalog: catalog.catalog, searchPath, user: query.userName, edges: false });
      } catch (error) {
        analysis = error as Error;
      }
      this.cache.set(scope, query.text, analysis);
    }
    if (analysis instanceof Error) {
      this.unparsed++;
      const reason = analysis instanceof SqlSyntaxError ? `not parsed: ${analysis.message}` : `analysis failed: ${analysis.message}`;
      yield { kind: 'warning', name: record.entityName, message: reason };
      return;
    }
    const tables = new Map<string, TableName>();
    for (const table of [...analysis.reads, ...analysis.targets, ...analysis.deletes]) tables.set(tableKey(table), table);
    if (tables.size === 0) {
      yield { kind: 'filtered', name: record.entityName, reason: 'no table of the catalog' };
      return;
    }
    yield { kind: 'record', record: parsedRecord(record, [...tables.values()], analysis) };
  }

  *flush(): Generator<ProcessorEvent> {
    const parsed = this.statements - this.unparsed;
    const pct = this.statements === 0 ? '100.0' : ((parsed / this.statements) * 100).toFixed(1);
    yield { kind: 'fact', name: 'statements parsed', value: `${pct} % (${parsed} of ${this.statements})` };
  }
}

function parsedRecord(record: RecordOf<'tableQuery'>, tables: TableName[], analysis: TextLineage): OutputRecord {
  const { query, database, count, accumulate, date, queryDate } = record.data;
  const joins: ColumnJoin[] = analysis.joins.map(([left, right]) => {
    const l = splitColumnKey(left);
    const r = splitColumnKey(right);
    return {
      left: { table: { schema: l.schema, name: l.table }, column: l.column },
      right: { table: { schema: r.schema, name: r.table }, column: r.column },
    };
  });
  const data: ParsedQuery = {
    database,
    text: query.text,
    command: analysis.commands.join('; '),
    tables,
    joins,
    userName: query.userName,
    count,
    accumulate,
    date,
    queryDate,
    duration: query.duration,
  };
  return { type: 'parsedQuery', data, entityName: record.entityName };
}
