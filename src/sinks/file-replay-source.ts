import { readNdjson } from '../util/ndjson.js';
import type { EntityScope, OutputRecord, RecordType, SourceEvent } from '../workflow/records.js';

import type { Source } from '../workflow/steps.js';
import { routeOf } from './entity-routes.js';
import { ENTITY_SCOPE } from './file-sink.js';

/** The record types a file sink writes (the usage workflow's inner records never reach one). */
const FILE_RECORD_TYPES: ReadonlySet<string> = new Set<RecordType>([
  'createDatabaseService',
  'createDatabase',
  'createDatabaseSchema',
  'createTable',
  'createStoredProcedure',
  'createClassification',
  'createTag',
  'createQuery',
  'createTestDefinition',
  'createTestSuite',
  'createTestCase',
  'deleteEntity',
  'addLineage',
  'clearViewLineage',
  'usageRequest',
  'tableJoins',
  'tableProfile',
  'tableData',
  'columnTags',
  'dataModel',
  'testCaseResult',
]);

/** Reads a file sink's NDJSON back as records, line by line (never the whole file in memory), for `om-worker push`. */
export class FileReplaySource implements Source {
  readonly stepName = 'File';

  constructor(private readonly file: string) {}

  async prepare(): Promise<void> {
    // Opening happens in events(): a missing file is reported there as the run's fatal error.
  }

  async *events(): AsyncGenerator<SourceEvent> {
    for await (const line of readNdjson(this.file)) {
      const lineNumber = line.line;
      if ('error' in line) {
        yield { kind: 'failure', failure: { name: `${this.file}:${lineNumber}`, error: line.error } };
        continue;
      }
      const parsed = (line.value ?? {}) as { type?: unknown; data?: unknown };
      if (typeof parsed.type !== 'string' || parsed.data === null || typeof parsed.data !== 'object') {
        yield { kind: 'failure', failure: { name: `${this.file}:${lineNumber}`, error: 'a line must be {"type": ..., "data": {...}}' } };
        continue;
      }
      if (parsed.type === ENTITY_SCOPE) {
        yield { kind: 'scope', scope: parsed.data as EntityScope };
        continue;
      }
      if (!FILE_RECORD_TYPES.has(parsed.type)) {
        yield { kind: 'failure', failure: { name: `${this.file}:${lineNumber}`, error: `unknown record type ${JSON.stringify(parsed.type)}` } };
        continue;
      }
      // The sink that replays the record checks its body, as it would a run's own.
      const record = { type: parsed.type, data: parsed.data, entityName: '' } as OutputRecord;
      try {
        record.entityName = routeOf(record)?.fqn ?? edgeName(record) ?? `${this.file}:${lineNumber}`;
      } catch {
        record.entityName = `${this.file}:${lineNumber}`; // an unbuildable name: the sink will say what is wrong
      }
      yield { kind: 'record', record };
    }
  }

  async close(): Promise<void> {
    // The read stream closes itself when iteration ends.
  }
}

/** `from -> to` for a lineage record (the view for one that clears a view's lineage), as the run that wrote it named it. */
function edgeName(record: OutputRecord): string | undefined {
  if (record.type === 'clearViewLineage') return (record.data as { view?: { fullyQualifiedName?: string } }).view?.fullyQualifiedName;
  if (record.type !== 'addLineage') return undefined;
  const edge = (record.data as { edge?: { fromEntity?: { fullyQualifiedName?: string }; toEntity?: { fullyQualifiedName?: string } } }).edge;
  const from = edge?.fromEntity?.fullyQualifiedName;
  const to = edge?.toEntity?.fullyQualifiedName;
  return from && to ? `${from} -> ${to}` : undefined;
}
