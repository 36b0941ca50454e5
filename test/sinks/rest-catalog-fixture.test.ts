// The realistic catalog fixture (every column type, composite types, partitions, views of views, foreign keys across
// schemas, odd names, procedures, policies) through the metadata-rest sink: the double, which refuses every body
// OpenMetadata would, takes every entity the file sink writes, each field as sent, and a re-run sends no table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureDatabase, type FixtureDatabase } from '../support/fixture-db.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { JsonObject } from '../support/openmetadata-double/types.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';
import {
  ENTITY_TYPE_OF,
  expectedFqns,
  fqnOfRequest,
  runMetadataRest,
  shapedLike,
  storedFqns,
  TEST_TOKEN,
  withoutOwnerAndConnection,
} from '../support/run-metadata-rest.js';
import type { RunResult } from '../../src/workflow/run-workflow.js';
import { stepOf } from '../support/steps.js';

const SOURCE = { includeTags: true, includeStoredProcedures: true, includeOwners: true };

/** Two overloads whose names with their argument lists run past OpenMetadata's 256 characters. */
const LONG_ARGS = Array.from({ length: 12 }, (_, i) => `argument_number_${i} character varying`).join(', ');
const LONG_OVERLOADS = [
  `CREATE FUNCTION public.wide(${LONG_ARGS}) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$`,
  `CREATE FUNCTION public.wide(${LONG_ARGS}, extra integer) RETURNS int LANGUAGE sql AS $$ SELECT 2 $$`,
];

let db: FixtureDatabase;
let file: MetadataRun;

beforeAll(async () => {
  db = await createFixtureDatabase('rest_catalog', () => LONG_OVERLOADS);
  file = await runMetadata({ url: db.url, sourceConfig: SOURCE });
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

// OpenMetadata 1.4's shapes, and a recent release's (owners lists, storedProcedureType, relationshipType).
describe.each(['1.4.0', '1.7.0'])('the catalog fixture through the metadata-rest sink, server %s', (version) => {
  let om: OpenMetadataDouble;
  let result: RunResult;

  beforeAll(async () => {
    om = await startOpenMetadataDouble({ token: TEST_TOKEN, version });
    om.addUser('postgres'); // the owner of the fixture's relations
    result = await runMetadataRest({ url: db.url, double: om, sourceConfig: SOURCE });
  }, 120_000);

  afterAll(async () => {
    await om?.stop();
  });

  it('has every request taken: no failure, exit 0', () => {
    expect(result.fatal).toBeUndefined();
    expect(stepOf(result.status, 'OpenMetadata').failures).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(file.of('createTable').length).toBeGreaterThan(20);
    expect(file.of('createTable').some((t) => t.columns.some((c: JsonObject) => c.dataType === 'STRUCT'))).toBe(true);
  });

  it('holds exactly the entities the file sink writes', () => {
    const expected = expectedFqns(file.records);
    for (const type of new Set(Object.values(ENTITY_TYPE_OF))) expect(storedFqns(om, type), type).toEqual(expected.get(type) ?? []);
  });

  it('stores each body as the file has it, but for the fields the server adds', () => {
    for (const record of file.records) {
      const body = withoutOwnerAndConnection(record.data);
      const entity = om.get(ENTITY_TYPE_OF[record.type], fqnOfRequest(record.type, record.data));
      expect(entity, `${record.type} ${fqnOfRequest(record.type, record.data)}`).toBeDefined();
      expect(shapedLike(entity, body), fqnOfRequest(record.type, record.data)).toEqual(body);
    }
  });

  it('sends the fields this release takes, and only those', () => {
    const recent = version !== '1.4.0';
    const procedures = om.entities('storedProcedure');
    for (const procedure of procedures) {
      const code = String((procedure.storedProcedureCode as JsonObject).code);
      const expected = /^CREATE OR REPLACE PROCEDURE/.test(code) ? 'StoredProcedure' : 'Function';
      expect(procedure.storedProcedureType, String(procedure.fullyQualifiedName)).toBe(recent ? expected : undefined);
    }
    expect(new Set(procedures.map((p) => p.storedProcedureType))).toEqual(recent ? new Set(['Function', 'StoredProcedure']) : new Set([undefined]));
    const foreignKeys = om
      .entities('table')
      .flatMap((t) => ((t.tableConstraints as JsonObject[] | undefined) ?? []).filter((c) => c.constraintType === 'FOREIGN_KEY'));
    expect(foreignKeys.length).toBeGreaterThan(0);
    for (const key of foreignKeys) {
      if (recent) expect(['ONE_TO_ONE', 'ONE_TO_MANY', 'MANY_TO_ONE', 'MANY_TO_MANY']).toContain(key.relationshipType);
      else expect(key.relationshipType).toBeUndefined();
    }
    if (recent) expect(foreignKeys.some((k) => k.relationshipType === 'MANY_TO_ONE')).toBe(true);
    // Owners go as a list to a recent server, as one reference to 1.4 (the double answers in each release's shape).
    const owned = om.requests.find((r) => r.method === 'PUT' && r.path === '/api/v1/tables' && JSON.stringify(r.body).includes('"owner'));
    expect(Object.keys(owned?.body as JsonObject)).toContain(recent ? 'owners' : 'owner');
    const stored = om.get('table', String(owned ? fqnOfRequest('createTable', owned.body as JsonObject) : ''));
    expect((stored?.owner as JsonObject | undefined)?.name).toBe('postgres');
  });

  it('names overloads whose argument lists are too long within 256 characters, each its own entity', () => {
    const wide = file.of('createStoredProcedure').filter((p) => String(p.name).startsWith('wide('));
    expect(wide).toHaveLength(2);
    for (const procedure of wide) expect(String(procedure.name).length).toBe(256);
    expect(new Set(wide.map((p) => p.name)).size).toBe(2);
    expect(om.entities('storedProcedure').filter((p) => String(p.name).startsWith('wide('))).toHaveLength(2);
  });

  it('sends no table again on a re-run', async () => {
    om.clearRequests();
    const again = await runMetadataRest({ url: db.url, double: om, sourceConfig: SOURCE });
    expect(again.exitCode).toBe(0);
    expect(om.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/tables')).toEqual([]);
  });
});
