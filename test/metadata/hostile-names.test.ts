// Names OpenMetadata cannot take (a double quote in a database name, a line break in any name): filtered out, they
// cost nothing; let in, each is one failure naming the culprit (the column, when it is a column), found at
// extraction so both sinks agree, and the summary table keeps its layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { renderSummary } from '../../src/workflow/summary-table.js';
import { sqlIdent, urlFor } from '../support/fixture-db.js';
import { execSql, startMajor } from '../support/pg.js';
import { startOpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';
import { runMetadataRest, storedFqns, TEST_TOKEN } from '../support/run-metadata-rest.js';

let server: EmbeddedPostgres;
const QUOTED_DB = 'we"ird';
const BROKEN_DB = 'line\nbreak';

beforeAll(async () => {
  server = await startMajor('pg18');
  await execSql(server.url, [
    'CREATE DATABASE plain',
    'CREATE DATABASE odd',
    `CREATE DATABASE ${sqlIdent(QUOTED_DB)}`,
    `CREATE DATABASE ${sqlIdent(BROKEN_DB)}`,
  ]);
  await execSql(urlFor(server.url, { database: 'plain' }), [
    'CREATE SCHEMA s',
    'CREATE TABLE s.good (id int)',
    'CREATE TABLE s.good_key (id int PRIMARY KEY)',
    // `::` is refused by OpenMetadata's name pattern: encoded as its reserved word, it reaches the server.
    `CREATE SCHEMA ${sqlIdent('sch::ema')}`,
    `CREATE TABLE ${sqlIdent('sch::ema')}.${sqlIdent('t::able')} (${sqlIdent('c::ol')} int PRIMARY KEY, r int REFERENCES s.good_key (id))`,
  ]);
  await execSql(urlFor(server.url, { database: 'odd' }), [
    'CREATE SCHEMA s',
    'CREATE TABLE s.fine (id int)',
    `CREATE TABLE s.${sqlIdent('bad\nname')} (id int)`,
    `CREATE TABLE s.bad_column (id int, ${sqlIdent('col\nx')} text)`,
    `CREATE SCHEMA ${sqlIdent('sch\nema')}`,
  ]);
});

afterAll(async () => {
  await server?.stop();
});

function runAll(sourceConfig: Record<string, unknown>): Promise<MetadataRun> {
  return runMetadata({ url: urlFor(server.url, { database: 'plain' }), connection: { ingestAllDatabases: true }, sourceConfig });
}

describe('names OpenMetadata refuses', () => {
  it('cost nothing when a filter leaves them out', async () => {
    const run = await runAll({ databaseFilterPattern: { excludes: ['^we', '^line', '^odd$'] } });
    expect(run.result.exitCode).toBe(0);
    expect(run.step('Postgres').failures).toEqual([]);
    expect(
      run
        .of('createDatabase')
        .map((d) => d.name)
        .sort(),
    ).toEqual(['plain', 'postgres']);
  });

  it('are one failure each when let in, naming the database, schema, table or column', async () => {
    const run = await runAll({});
    expect(run.result.exitCode).not.toBe(4);
    const failures = (run.step('Postgres').failures as Array<{ name: string; error: string }>).map((f) => `${f.name} | ${f.error}`).sort();
    expect(failures).toEqual(
      [
        `svc.line\nbreak | database "line\\nbreak": OpenMetadata refuses a line break in a name`,
        `svc.odd.s.bad_column | column "col\\nx": OpenMetadata refuses a line break in a name`,
        `svc.odd.s.bad\nname | table "bad\\nname": OpenMetadata refuses a line break in a name`,
        `svc.odd.sch\nema | schema "sch\\nema": OpenMetadata refuses a line break in a name`,
        `svc.we"ird | invalid name "we\\"ird": OpenMetadata names cannot contain a double quote`,
      ].sort(),
    );
    // Everything else is still there.
    expect([...run.tables.keys()].sort()).toEqual(['s.fine', 's.good', 's.good_key', 'sch__reserved__colon__ema.t__reserved__colon__able']);
  });

  it('with `::` encoded as OpenMetadata stores it, in every name and FQN, and accepted by the server', async () => {
    const double = await startOpenMetadataDouble({ token: TEST_TOKEN });
    try {
      const result = await runMetadataRest({ url: urlFor(server.url, { database: 'plain' }), double });
      expect(result.exitCode, JSON.stringify(result.status.toJSON().steps)).toBe(0);
      expect(storedFqns(double, 'databaseSchema')).toContain('svc.plain.sch__reserved__colon__ema');
      const table = double.get('table', 'svc.plain.sch__reserved__colon__ema.t__reserved__colon__able');
      expect((table?.columns as Array<{ name: string }>).map((c) => c.name)).toEqual(['c__reserved__colon__ol', 'r']);
      // The DDL keeps the names Postgres knows.
      expect(String(table?.schemaDefinition)).toContain('"sch::ema"."t::able"');
    } finally {
      await double.stop();
    }
  });

  it('keep the summary table in shape', async () => {
    const run = await runAll({});
    const summary = renderSummary(run.result.status);
    const failureTable = summary
      .slice(summary.indexOf('Failures:'))
      .split('\n')
      .filter((line) => line.startsWith('|') || line.startsWith('+'));
    expect(failureTable).toHaveLength(3 + 5 + 1); // rule, header, rule, five rows, rule
    expect(new Set(failureTable.map((line) => line.length)).size).toBe(1);
    expect(failureTable.some((line) => line.includes('bad\\nname'))).toBe(true);
  });
});
