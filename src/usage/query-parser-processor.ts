import type { TableName } from '../lineage/lineage-catalog.js';
import { splitColumnKey } from '../lineage/scope.js';
import { TextCache } from '../lineage/text-cache.js';
import { StepStatus } from '../workflow/step-status.js';
import type { OutputRecord, ProcessorEvent, RecordOf } from '../workflow/records.js';
import type { Processor } from '../workflow/steps.js';
import { AnalysisThread } from './analysis-worker.js';
import { loadSqlParser, type SqlParser } from './sql-parser.js';
import { analyseStatement, type AnalysisReply, type AnalysisRequest } from './statement-analysis.js';
import type { ColumnJoin, ParsedQuery } from './usage-records.js';

/** Statements handed to the analysis thread at a time: large enough to amortise a message, small enough to stream. */
const BATCH_SIZE = 256;
/** Batches waiting for the thread at most: one it works on, one ready for when it is done. */
const THREAD_QUEUE = 3;
/** Batches held back at most before the oldest is awaited (bounds memory when the thread falls behind). */
const MAX_HELD = 6;

interface PendingBatch {
  records: TableQueryRecord[];
  replies?: AnalysisReply[];
  promise?: Promise<AnalysisReply[]>;
}

type TableQueryRecord = RecordOf<'tableQuery'>;

/**
 * OpenMetadata's query-parser processor: each statement parsed (by Postgres's grammar, once per distinct text and
 * search path), its tables resolved in its database's catalog, its joins found. A statement that touches no table
 * is filtered; one the parser refuses is a warning, never a failure. In the built worker a second thread analyses
 * every other batch while this one does the rest; records come out in the order they came in.
 */
export class QueryParserProcessor implements Processor {
  readonly status = new StepStatus('Query Parser');
  private parser?: SqlParser;
  private thread?: AnalysisThread;
  private readonly cache = new TextCache<AnalysisReply>();
  private batch: TableQueryRecord[] = [];
  /** Batches in the order they came, each analysed here or awaited from the thread. */
  private readonly pending: PendingBatch[] = [];
  private statements = 0;
  private unparsed = 0;
  /** Statements the second thread analysed (the rest were analysed here). */
  private onThread = 0;

  async prepare(): Promise<void> {
    this.parser = await loadSqlParser();
    this.thread = AnalysisThread.start();
  }

  async *process(record: OutputRecord): AsyncGenerator<ProcessorEvent> {
    if (record.type !== 'tableQuery') {
      // Whatever follows the statements (the snapshot) comes after all of them.
      yield* this.drain();
      yield { kind: 'record', record };
      return;
    }
    if (this.batch.length > 0 && this.batch[0]?.data.catalog !== record.data.catalog) yield* this.dispatch();
    this.batch.push(record);
    if (this.batch.length >= BATCH_SIZE) yield* this.dispatch();
  }

  async *flush(): AsyncGenerator<ProcessorEvent> {
    yield* this.drain();
    await this.thread?.close();
    const parsed = this.statements - this.unparsed;
    const pct = this.statements === 0 ? '100.0' : ((parsed / this.statements) * 100).toFixed(1);
    yield { kind: 'fact', name: 'statements parsed', value: `${pct} % (${parsed} of ${this.statements})` };
    if (this.thread) yield { kind: 'fact', name: 'statements analysed on a second thread', value: String(this.onThread) };
  }

  private async *drain(): AsyncGenerator<ProcessorEvent> {
    if (this.batch.length > 0) yield* this.dispatch();
    yield* this.emit(true);
  }

  /**
   * The batch goes to the thread while it has fewer than two waiting (so it never idles), else it is analysed here;
   * then every batch at the head whose replies are in is handed on, in order.
   */
  private async *dispatch(): AsyncGenerator<ProcessorEvent> {
    const records = this.batch;
    this.batch = [];
    const waiting = this.pending.filter((entry) => !entry.replies).length;
    if (this.thread && waiting < THREAD_QUEUE) {
      const entry: PendingBatch = { records };
      const catalog = (records[0] as TableQueryRecord).data.catalog.catalog;
      entry.promise = this.thread.analyse(catalog, records.map(requestOf)).then((replies) => {
        // A thread that failed answers nothing: its batch is analysed here.
        if (replies.length === records.length) this.onThread += records.length;
        entry.replies = replies.length === records.length ? replies : records.map((record) => this.analyseHere(record));
        return entry.replies;
      });
      this.pending.push(entry);
    } else {
      this.pending.push({ records, replies: records.map((record) => this.analyseHere(record)) });
    }
    yield* this.emit(false);
  }

  /** Hands on the batches at the head that are done; with `all` (or too many held) waits for them. */
  private async *emit(all: boolean): AsyncGenerator<ProcessorEvent> {
    for (;;) {
      const head = this.pending[0];
      if (!head) return;
      if (!head.replies) {
        if (!all && this.pending.length <= MAX_HELD) return;
        await head.promise;
      }
      this.pending.shift();
      yield* this.events(head.records, head.replies as AnalysisReply[]);
    }
  }

  private analyseHere(record: TableQueryRecord): AnalysisReply {
    const request = requestOf(record);
    const scope = `${record.data.database}\u0000${request.searchPath.join(',')}\u0000${request.user ?? ''}`;
    return this.cache.resolve(scope, request.text, () => analyseStatement(this.parser as SqlParser, record.data.catalog.catalog, request));
  }

  private *events(records: TableQueryRecord[], replies: AnalysisReply[]): Generator<ProcessorEvent> {
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as TableQueryRecord;
      const reply = replies[i] as AnalysisReply;
      this.statements++;
      if (!reply.ok) {
        this.unparsed++;
        const reason =
          reply.kind === 'syntax'
            ? `not parsed: ${reply.message}`
            : reply.kind === 'timeout'
              ? `skipped: ${reply.message}`
              : `analysis failed: ${reply.message}`;
        yield { kind: 'warning', name: record.entityName, message: reason };
        continue;
      }
      if (reply.tables.length === 0) {
        yield { kind: 'filtered', name: record.entityName, reason: 'no table of the catalog' };
        continue;
      }
      yield { kind: 'record', record: parsedRecord(record, reply) };
    }
  }
}

function requestOf(record: TableQueryRecord): AnalysisRequest {
  const { query, catalog } = record.data;
  return { text: query.text, searchPath: catalog.searchPathOf(query.userName), user: query.userName };
}

function parsedRecord(record: TableQueryRecord, reply: Extract<AnalysisReply, { ok: true }>): OutputRecord {
  const { query, database, count, accumulate, date, queryDate } = record.data;
  const joins: ColumnJoin[] = reply.joins.map(([left, right]) => {
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
    command: reply.commands.join('; '),
    tables: reply.tables as TableName[],
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
