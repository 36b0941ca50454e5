// Every record type a workflow hands to a sink must come back from its file with `om-worker push`: a type the replay
// does not know would make a whole extract unpushable (as columnTags once was).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import type { RecordPayloads, SourceEvent } from '../../src/workflow/records.js';

/** The records that travel between a workflow's own steps and never reach a sink. */
const INTERNAL: ReadonlyArray<keyof RecordPayloads> = ['tableQuery', 'parsedQuery', 'usageSnapshot', 'profilerTable', 'qualityTable'];

/** Every record type, spelled out so the compiler says when one is added (the Record's keys must be complete). */
const ALL_TYPES: Record<keyof RecordPayloads, true> = {
  createDatabaseService: true,
  createDatabase: true,
  createDatabaseSchema: true,
  createTable: true,
  createStoredProcedure: true,
  createClassification: true,
  createTag: true,
  createQuery: true,
  createTestDefinition: true,
  createTestSuite: true,
  createTestCase: true,
  deleteEntity: true,
  addLineage: true,
  clearViewLineage: true,
  usageRequest: true,
  tableJoins: true,
  tableProfile: true,
  tableData: true,
  columnTags: true,
  dataModel: true,
  testCaseResult: true,
  tableQuery: true,
  parsedQuery: true,
  usageSnapshot: true,
  profilerTable: true,
  qualityTable: true,
};

describe('om-worker push reads back', () => {
  it('every record type a sink can be given', async () => {
    const types = (Object.keys(ALL_TYPES) as Array<keyof RecordPayloads>).filter((type) => !INTERNAL.includes(type));
    const file = join(await mkdtemp(join(tmpdir(), 'omgen-replay-')), 'records.ndjson');
    await writeFile(file, types.map((type) => JSON.stringify({ type, data: { name: type } })).join('\n') + '\n');
    const events: SourceEvent[] = [];
    for await (const event of new FileReplaySource(file).events()) events.push(event);
    expect(events.filter((e) => e.kind === 'failure')).toEqual([]);
    expect(events.map((e) => (e.kind === 'record' ? e.record.type : e.kind))).toEqual(types);
  });
});
