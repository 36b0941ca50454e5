// What the worker sends Postgres, as pg_stat_statements records it (Postgres 11, which keeps a statement's leading
// comment in the recorded text): every statement carries OpenMetadata's marker comment, and the number of
// statements does not grow with the number of tables (set-based catalog reads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { catalogFixtureSql } from '../support/catalog-fixture.js';
import { manyTablesSql, urlFor } from '../support/fixture-db.js';
import { execSql, startMajor, withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

/** The start of the comment OpenMetadata's own ingestion puts before every statement it runs. */
const MARKER_PREFIX = '/* {"app": "OpenMetadata", ';
/** The worker logs in as this role, so pg_stat_statements (keyed by user and database) tells its statements apart. */
const ROLE = 'om_reader';

interface Recorded {
  query: string;
  calls: number;
}

let server: EmbeddedPostgres;

beforeAll(async () => {
  server = await startMajor('pg11');
  await execSql(server.url, [
    `CREATE ROLE ${ROLE} LOGIN`,
    // Count only what the worker's sessions send, not the statements Postgres runs inside pg_get_viewdef & co.
    `ALTER ROLE ${ROLE} SET pg_stat_statements.track = 'top'`,
    'CREATE DATABASE fixture',
    'CREATE DATABASE small',
    'CREATE DATABASE large',
  ]);
  await execSql(urlFor(server.url, { database: 'fixture' }), catalogFixtureSql({ major: server.major }));
  await execSql(urlFor(server.url, { database: 'small' }), manyTablesSql(10));
  await execSql(urlFor(server.url, { database: 'large' }), manyTablesSql(200));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Runs the workflow on `database` as the worker role and returns what pg_stat_statements saw from it there. */
async function recordRun(database: string, sourceConfig: Record<string, unknown> = {}): Promise<{ run: MetadataRun; statements: Recorded[] }> {
  // Postgres 11's pg_stat_statements_reset() takes no arguments: the server is ours alone, so reset it all.
  await execSql(server.url, 'SELECT pg_stat_statements_reset()');
  const run = await runMetadata({ url: urlFor(server.url, { database, user: ROLE }), sourceConfig });
  const statements = await withClient(server.url, async (c) => {
    const r = await c.query(
      `select s.query, s.calls::int as calls from pg_stat_statements s
       where s.userid = (select oid from pg_roles where rolname = $1) and s.dbid = (select oid from pg_database where datname = $2)`,
      [ROLE, database],
    );
    return r.rows as Recorded[];
  });
  return { run, statements };
}

describe('statements the worker sends (pg_stat_statements, Postgres 11)', () => {
  it('start with the marker comment, every one of them', async () => {
    const { run, statements } = await recordRun('fixture', { includeOwners: true });
    expect(run.result.exitCode).toBe(0);
    expect(run.tables.size).toBeGreaterThan(25);
    expect(statements.length).toBeGreaterThanOrEqual(8);
    const unmarked = statements.filter((s) => !s.query.startsWith(MARKER_PREFIX));
    expect(unmarked).toEqual([]);
    // The whole marker is one JSON object, spaced as OpenMetadata writes it.
    for (const s of statements) expect(s.query).toMatch(/^\/\* \{"app": "OpenMetadata", "version": "[^"]+"\} \*\/\n/);
  });

  it('are the same few, each sent once, for 10 tables and for 200', async () => {
    const small = await recordRun('small');
    const large = await recordRun('large');
    expect(small.run.tables.size).toBe(11);
    expect(large.run.tables.size).toBe(201);
    for (const { statements } of [small, large]) expect(statements.every((s) => s.query.startsWith(MARKER_PREFIX))).toBe(true);
    const calls = (statements: Recorded[]) => statements.reduce((sum, s) => sum + s.calls, 0);
    expect(small.statements.length).toBeGreaterThanOrEqual(8);
    expect(large.statements.length).toBe(small.statements.length);
    expect(calls(large.statements)).toBe(calls(small.statements));
    expect(calls(large.statements)).toBeLessThanOrEqual(12);
    expect(large.statements.map((s) => s.query).sort()).toEqual(small.statements.map((s) => s.query).sort());
  });

  it('stay set-based when the walk is filtered down to a few tables', async () => {
    const filtered = await recordRun('large', { tableFilterPattern: { includes: ['t1$', 't2$'] } });
    expect([...filtered.run.tables.keys()].sort()).toEqual(['bulk.t1', 'bulk.t2']);
    expect(filtered.statements.reduce((sum, s) => sum + s.calls, 0)).toBeLessThanOrEqual(12);
  });
});
