// ingestAllDatabases with databaseFilterPattern, on a server of our own so that the list of databases is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { urlFor } from '../support/fixture-db.js';
import { execSql, startMajor } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

let server: EmbeddedPostgres;

const DATABASES = ['alpha', 'alpha_two', 'beta'];

beforeAll(async () => {
  server = await startMajor('pg18');
  await execSql(server.url, [...DATABASES.map((d) => `CREATE DATABASE ${d}`), `CREATE DATABASE no_connect ALLOW_CONNECTIONS false`]);
  for (const name of DATABASES) {
    await execSql(urlFor(server.url, { database: name }), [
      `CREATE SCHEMA s_${name}`,
      `CREATE TABLE s_${name}.t_${name} (id int PRIMARY KEY)`,
      `COMMENT ON DATABASE ${name} IS 'database ${name}'`,
    ]);
  }
});

afterAll(async () => {
  await server?.stop();
});

const databasesOf = (run: MetadataRun) => run.of('createDatabase').map((d) => d.name);
const filteredOf = (run: MetadataRun) =>
  (run.step('Postgres').filteredNames as Array<{ name: string; reason: string }>).map((f) => `${f.reason}: ${f.name}`).sort();

/** The connection's own database is `beta` in every run below. */
function runAll(sourceConfig: Record<string, unknown>, all = true): Promise<MetadataRun> {
  return runMetadata({ url: urlFor(server.url, { database: 'beta' }), connection: { ingestAllDatabases: all }, sourceConfig });
}

describe('ingestAllDatabases: true', () => {
  it('reads every connectable, non-template database when no filter is set', async () => {
    const run = await runAll({});
    expect(run.result.exitCode).toBe(0);
    expect(databasesOf(run).sort()).toEqual(['alpha', 'alpha_two', 'beta', 'postgres']);
    expect(run.step('Postgres').failures).toEqual([]);
    // Each database is walked whole (schemas, then tables) before the next one starts.
    const order = run.records
      .filter((r) => r.type !== 'createDatabaseService')
      .map((r) => (r.type === 'createDatabase' ? r.data.name : (r.data.database ?? r.data.databaseSchema)));
    const dbSequence = order.map((x: string) => x.replace(/^svc\./, '').split('.')[0]);
    expect(dbSequence.filter((d: string, i: number) => i === 0 || d !== dbSequence[i - 1])).toEqual(databasesOf(run));
    for (const name of DATABASES) {
      expect(run.tables.get(`s_${name}.t_${name}`)?.databaseSchema).toBe(`svc.${name}.s_${name}`);
      expect(run.of('createDatabase').find((d) => d.name === name)?.description).toBe(`database ${name}`);
    }
  });

  it('keeps only the databases an include matches (start-anchored, case-insensitive), counting the rest as filtered', async () => {
    const run = await runAll({ databaseFilterPattern: { includes: ['ALPHA'] } });
    expect(run.result.exitCode).toBe(0);
    expect(databasesOf(run).sort()).toEqual(['alpha', 'alpha_two']);
    expect(filteredOf(run)).toEqual(['Database Filtered Out: svc.beta', 'Database Filtered Out: svc.postgres']);
    expect(run.step('Postgres').filtered).toBe(2);
    // The connection's own database was filtered out: nothing of it is sent.
    expect(run.tables.has('s_beta.t_beta')).toBe(false);
  });

  it('drops the databases an exclude matches; includes win over excludes', async () => {
    const excluded = await runAll({ databaseFilterPattern: { excludes: ['postgres', '.*two$'] } });
    expect(databasesOf(excluded).sort()).toEqual(['alpha', 'beta']);
    expect(excluded.step('Postgres').filtered).toBe(2);
    const both = await runAll({ databaseFilterPattern: { includes: ['beta'], excludes: ['beta'] } });
    expect(databasesOf(both)).toEqual(['beta']);
  });

  it('matches svc.db with useFqnForFiltering', async () => {
    const run = await runAll({ useFqnForFiltering: true, databaseFilterPattern: { includes: ['svc\\.alpha$'] } });
    expect(databasesOf(run)).toEqual(['alpha']);
    expect(filteredOf(run)).toEqual([
      'Database Filtered Out: svc.alpha_two',
      'Database Filtered Out: svc.beta',
      'Database Filtered Out: svc.postgres',
    ]);
  });

  it('applies schema and table filters inside every database', async () => {
    const run = await runAll({ databaseFilterPattern: { includes: ['alpha'] }, tableFilterPattern: { excludes: ['t_alpha_two'] } });
    expect([...run.tables.keys()]).toEqual(['s_alpha.t_alpha']);
    expect(filteredOf(run)).toContain('Table Filtered Out: svc.alpha_two.s_alpha_two.t_alpha_two');
  });
});

describe('a database the user may not connect to', () => {
  it('is skipped with a warning, as OpenMetadata does, and the others are read', async () => {
    await execSql(server.url, ['CREATE ROLE reader LOGIN', 'CREATE DATABASE guarded', 'REVOKE CONNECT ON DATABASE guarded FROM PUBLIC']);
    try {
      const run = await runMetadata({ url: urlFor(server.url, { database: 'beta', user: 'reader' }), connection: { ingestAllDatabases: true } });
      expect(run.result.exitCode).toBe(0);
      expect(databasesOf(run).sort()).toEqual(['alpha', 'alpha_two', 'beta', 'postgres']);
      const warnings = run.step('Postgres').warningMessages as Array<{ name: string; message: string }>;
      expect(warnings.map((w) => w.name)).toEqual(['svc.guarded']);
      expect(warnings[0].message).toMatch(/permission denied/);
      expect(run.step('Postgres').failures).toEqual([]);
      expect(run.tables.get('s_alpha.t_alpha')).toBeDefined();
    } finally {
      await execSql(server.url, ['DROP DATABASE guarded', 'DROP ROLE reader']);
    }
  });
});

describe('ingestAllDatabases: false', () => {
  it('reads the connection database alone and ignores databaseFilterPattern', async () => {
    const run = await runAll({ databaseFilterPattern: { excludes: ['beta'] } }, false);
    expect(databasesOf(run)).toEqual(['beta']);
    expect([...run.tables.keys()]).toEqual(['s_beta.t_beta']);
    expect(run.step('Postgres').filtered).toBe(0);
  });
});
