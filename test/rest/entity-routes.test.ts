// Where each record type goes on the server, the FQN it gets there, what must be created before it, and where it
// is listed (for the sourceHash check and mark-deleted).
import { describe, expect, it } from 'vitest';
import { routeOf } from '../../src/sinks/entity-routes.js';
import type { OutputRecord, RecordType } from '../../src/workflow/records.js';

const record = (type: RecordType, data: object): OutputRecord => ({ type, data, entityName: 'x' }) as OutputRecord;
const tag = (tagFQN: string) => ({ tagFQN, source: 'Classification', labelType: 'Automated', state: 'Suggested' });

describe('routeOf', () => {
  it('a database service: its collection, its own name, no dependencies', () => {
    expect(routeOf(record('createDatabaseService', { name: 'svc', serviceType: 'Postgres' }))).toEqual({
      collection: 'services/databaseServices',
      fqn: 'svc',
      dependsOn: [],
    });
    expect(routeOf(record('createDatabaseService', { name: 'my.svc', serviceType: 'Postgres' }))?.fqn).toBe('"my.svc"');
  });

  it('a database depends on its service (and its tags)', () => {
    expect(routeOf(record('createDatabase', { name: 'db', service: 'svc' }))).toEqual({
      collection: 'databases',
      fqn: 'svc.db',
      dependsOn: ['svc'],
      listedAs: { type: 'database', parentFqn: 'svc' },
    });
    expect(routeOf(record('createDatabase', { name: 'a.b', service: '"my.svc"', tags: [tag('C.t')] }))).toEqual({
      collection: 'databases',
      fqn: '"my.svc"."a.b"',
      dependsOn: ['"my.svc"', 'C.t'],
      listedAs: { type: 'database', parentFqn: '"my.svc"' },
    });
  });

  it('a schema depends on its database', () => {
    expect(routeOf(record('createDatabaseSchema', { name: 'public', database: 'svc.db' }))).toEqual({
      collection: 'databaseSchemas',
      fqn: 'svc.db.public',
      dependsOn: ['svc.db'],
      listedAs: { type: 'databaseSchema', parentFqn: 'svc.db' },
    });
    expect(routeOf(record('createDatabaseSchema', { name: 'Odd.Schema', database: 'svc.db' }))?.fqn).toBe('svc.db."Odd.Schema"');
  });

  it('a table depends on its schema and on every tag it is labelled with', () => {
    const data = {
      name: 'orders',
      tableType: 'Regular',
      columns: [],
      databaseSchema: 'svc.db.sales',
      tags: [tag('PostgresPolicyTags.p1'), tag('PostgresPolicyTags."p.2"')],
    };
    expect(routeOf(record('createTable', data))).toEqual({
      collection: 'tables',
      fqn: 'svc.db.sales.orders',
      dependsOn: ['svc.db.sales', 'PostgresPolicyTags.p1', 'PostgresPolicyTags."p.2"'],
      listedAs: { type: 'table', parentFqn: 'svc.db.sales' },
    });
    expect(routeOf(record('createTable', { ...data, name: 'my.table', tags: undefined }))).toEqual({
      collection: 'tables',
      fqn: 'svc.db.sales."my.table"',
      dependsOn: ['svc.db.sales'],
      listedAs: { type: 'table', parentFqn: 'svc.db.sales' },
    });
  });

  it('a stored procedure depends on its schema', () => {
    const data = { name: 'refresh(x integer)', storedProcedureCode: { language: 'SQL', code: '' }, databaseSchema: 'svc.db."Odd.Schema"' };
    expect(routeOf(record('createStoredProcedure', data))).toEqual({
      collection: 'storedProcedures',
      fqn: 'svc.db."Odd.Schema".refresh(x integer)',
      dependsOn: ['svc.db."Odd.Schema"'],
      listedAs: { type: 'storedProcedure', parentFqn: 'svc.db."Odd.Schema"' },
    });
  });

  it('a classification stands alone; a tag depends on its classification', () => {
    expect(routeOf(record('createClassification', { name: 'PostgresPolicyTags', description: '' }))).toEqual({
      collection: 'classifications',
      fqn: 'PostgresPolicyTags',
      dependsOn: [],
    });
    expect(routeOf(record('createTag', { name: 'p.2', classification: 'PostgresPolicyTags', description: '' }))).toEqual({
      collection: 'tags',
      fqn: 'PostgresPolicyTags."p.2"',
      dependsOn: ['PostgresPolicyTags'],
    });
  });

  it("a tag label's tagFQN is the FQN the tag's route gives, so a table waits for exactly that tag", () => {
    const tagRoute = routeOf(record('createTag', { name: 'rls.policy', classification: 'My.Tags', description: '' }));
    const tableRoute = routeOf(record('createTable', { name: 't', columns: [], databaseSchema: 's.d.p', tags: [tag('"My.Tags"."rls.policy"')] }));
    expect(tableRoute?.dependsOn).toContain(tagRoute?.fqn);
  });

  it('has no route for records that are not entity creations', () => {
    for (const type of ['deleteEntity', 'addLineage', 'usageRequest', 'tableProfile', 'tableData', 'dataModel', 'testCaseResult'] as const) {
      expect(routeOf(record(type, {})), type).toBeUndefined();
    }
  });

  it('has no route (yet) for the create requests of other workflows', () => {
    for (const type of ['createQuery', 'createTestSuite', 'createTestCase'] as const)
      expect(routeOf(record(type, { name: 'q' })), type).toBeUndefined();
  });
});
