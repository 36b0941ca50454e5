// What the metadata-rest sink does with records that cannot go through: a line push cannot read, a record type it
// cannot send, a body the server refuses, a parent that is missing — each one failure, the rest still delivered —
// and a server that refuses the token's writes mid-run, which ends the run (exit 3) with nothing left in flight.
// Replays hand-made NDJSON through FileReplaySource, as `om-worker push` does, so no Postgres is involved.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenMetadataUnavailableError } from '../../src/openmetadata/api-errors.js';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { runMetadataRest, storedFqns, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { stepOf } from '../support/steps.js';

const READ_ONLY = 'read-only-token-3141';
const NO_POSTGRES = 'postgres://postgres@127.0.0.1:1/never_read';

let dir: string;
let om: OpenMetadataDouble;

const line = (type: string, data: object) => JSON.stringify({ type, data });
const column = { name: 'x', dataType: 'INT', dataTypeDisplay: 'integer' };
const table = (name: string, schema: string, columns: object[] = [column]) =>
  line('createTable', { name, tableType: 'Regular', columns, databaseSchema: schema });

const GOOD = [
  line('createDatabaseService', { name: 'svc', serviceType: 'Postgres' }),
  line('createDatabase', { name: 'db', service: 'svc' }),
  line('createDatabaseSchema', { name: 'app', database: 'svc.db' }),
  table('ok1', 'svc.db.app'),
  table('ok2', 'svc.db.app'),
];

async function replay(name: string, lines: string[], token = TEST_TOKEN) {
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return runMetadataRest({ url: NO_POSTGRES, double: om, token, source: new FileReplaySource(file) });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omgen-rest-failures-'));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN, readOnlyToken: READ_ONLY });
});

afterAll(async () => {
  await om?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('records that cannot go through', () => {
  it('each is one failure, named, and every other record is still delivered', async () => {
    om.reset();
    const result = await replay('mixed.ndjson', [
      ...GOOD,
      '',
      'this is not JSON',
      JSON.stringify({ type: 'createTable' }),
      line('dataModel', { table: { type: 'table', fullyQualifiedName: 'svc.db.app.ok1' }, dataModel: {} }),
      table('no_type', 'svc.db.app', [{ name: 'x' }]),
      table('orphan', 'svc.db.missing_schema'),
      table('ok3', 'svc.db.app'),
    ]);
    expect(result.fatal).toBeUndefined();
    expect(result.exitCode).toBe(1); // a step after the source failed records: OpenMetadata calls that failed
    // The replay source (a file) is the first step here.
    const [source, sink] = [stepOf(result.status, 'File'), stepOf(result.status, 'OpenMetadata')];
    expect(source.failures.map((f) => [f.name.replace(dir, ''), f.error.replace(/:.*/, '')])).toEqual([
      ['/mixed.ndjson:7', 'not JSON'],
      ['/mixed.ndjson:8', 'a line must be {"type"'],
    ]);
    const byName = [...sink.failures].map((f) => ({ ...f, name: f.name.replace(dir, '') })).sort((a, b) => a.name.localeCompare(b.name));
    expect(byName).toEqual([
      { name: '/mixed.ndjson:9', error: expect.stringMatching(/^400 .*modelType/) },
      { name: 'svc.db.app.no_type', error: '400 [columns[0].dataType must not be null]' },
      { name: 'svc.db.missing_schema.orphan', error: '404 databaseSchema instance for svc.db.missing_schema not found' },
    ]);
    expect(sink.records).toBe(6);
    expect(storedFqns(om, 'table')).toEqual(['svc.db.app.ok1', 'svc.db.app.ok2', 'svc.db.app.ok3']);
  });

  it('entityScope lines mark deleted what they do not list; a scope for a parent the server lacks is harmless', async () => {
    om.reset();
    expect((await replay('first.ndjson', GOOD)).exitCode).toBe(0);
    const scope = (parentFqn: string) => line('entityScope', { entityType: 'table', parentFqn, present: [] });
    const result = await replay('scopes.ndjson', [...GOOD, scope('svc.db.app'), scope('svc.db.no_such_schema')]);
    expect(result.fatal).toBeUndefined();
    // Listing under a parent that does not exist answers an empty page here; deleting both tables the server held
    // before this run is what was asked.
    expect(
      om
        .entities('table', { include: 'deleted' })
        .map((t) => t.fullyQualifiedName)
        .sort(),
    ).toEqual(['svc.db.app.ok1', 'svc.db.app.ok2']);
    expect(stepOf(result.status, 'OpenMetadata').failures).toEqual([]);
  });
});

describe('a token that may read but not write', () => {
  it('ends the run at the first write with exit 3, nothing left in flight and nothing half-sent', async () => {
    om.reset();
    const many = Array.from({ length: 40 }, (_, i) => table(`t${i}`, 'svc.db.app'));
    const result = await replay('read-only.ndjson', [...GOOD, ...many], READ_ONLY);
    expect(result.exitCode).toBe(3);
    expect(result.started).toBe(true);
    expect(result.fatal).toBeInstanceOf(OpenMetadataUnavailableError);
    expect(result.fatal?.message).toMatch(/refused PUT services\/databaseServices \(403\)/);
    expect(result.status.state).toBe('failed');
    expect(om.inFlight).toBe(0);
    // The service failed, so nothing under it was tried: one refused PUT, then the run stopped.
    expect(om.requests.filter((r) => r.method === 'PUT').length).toBeLessThanOrEqual(8);
    expect(om.entities('databaseService')).toEqual([]);
  });
});
