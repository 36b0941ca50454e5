// Table DDL (schemaDefinition, includeDDL) proven by a round trip on Postgres 11 and 18: two copies of the catalog
// fixture; in the second, every table is dropped and created again from the DDL the workflow wrote for the first.
// Columns, defaults, identity and generated columns, constraints, partition keys, persistence and foreign-table
// options must then read back from pg_catalog exactly as in the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { catalogFixtureSql } from '../support/catalog-fixture.js';
import { encodeName, urlFor, USER_SCHEMAS_SQL } from '../support/fixture-db.js';
import { execSql, startMajor, withClient } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const EXTRAS = [
  `CREATE UNLOGGED TABLE public.scratch_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text DEFAULT 'it''s new')`,
  `CREATE TABLE public.bookings (room int NOT NULL, during int4range NOT NULL, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&))`,
  `CREATE TABLE public."odd ""name""" ("the ""id""" int PRIMARY KEY, ratio numeric(5,2) CHECK (ratio BETWEEN 0 AND 1))`,
];

/** What pg_catalog says about every user table, keyed `schema.table`: the facts a faithful DDL must reproduce. */
async function tableFacts(url: string, major: number): Promise<Record<string, unknown>> {
  const generated = major >= 12 ? 'a.attgenerated::text' : "''";
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ key: string; facts: unknown }>(`
      select n.nspname || '.' || c.relname as key, json_build_object(
        'kind', c.relkind, 'persistence', c.relpersistence,
        'partitionKey', case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
        'foreign', (select json_build_object('server', s.srvname, 'options', ft.ftoptions)
                    from pg_foreign_table ft join pg_foreign_server s on s.oid = ft.ftserver where ft.ftrelid = c.oid),
        'columns', (select json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                      pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, ${generated}) order by a.attnum)
                    from pg_attribute a left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
        'constraints', (select json_agg(json_build_array(k.conname, k.contype, pg_get_constraintdef(k.oid, true)) order by k.conname)
                        from pg_constraint k where k.conrelid = c.oid and k.contype in ('p', 'u', 'f', 'c', 'x'))
      ) as facts
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS_SQL} and c.relkind in ('r', 'p', 'f') and not c.relispartition
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`);
    return Object.fromEntries(rows.map((r) => [r.key, r.facts]));
  });
}

/** Drops every user table (keeping serial sequences: the DDL's defaults name them) and runs the DDL in dependency order. */
async function recreateFromDdl(url: string, ddl: string[]): Promise<void> {
  await withClient(url, async (client) => {
    const { rows: sequences } = await client.query<{ name: string }>(`
      select format('%I.%I', n.nspname, s.relname) as name
      from pg_class s join pg_namespace n on n.oid = s.relnamespace
      join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.deptype = 'a'
      where s.relkind = 'S' and ${USER_SCHEMAS_SQL}`);
    for (const { name } of sequences) await client.query(`ALTER SEQUENCE ${name} OWNED BY NONE`);
    const { rows: tables } = await client.query<{ name: string; kind: string }>(`
      select format('%I.%I', n.nspname, c.relname) as name, c.relkind as kind
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS_SQL} and c.relkind in ('r', 'p', 'f') and not c.relispartition
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`);
    for (const t of tables) await client.query(`DROP ${t.kind === 'f' ? 'FOREIGN TABLE' : 'TABLE'} IF EXISTS ${t.name} CASCADE`);
    // A foreign key needs the table it refers to: run what fails again until a pass makes no progress.
    let pending = ddl;
    while (pending.length > 0) {
      const failed: { statement: string; error: string }[] = [];
      for (const statement of pending) {
        await client.query(statement).catch((error: Error) => failed.push({ statement, error: error.message }));
      }
      if (failed.length === pending.length) throw new Error(`DDL that does not run: ${JSON.stringify(failed, null, 2)}`);
      pending = failed.map((f) => f.statement);
    }
  });
}

function tableDdl(run: MetadataRun): string[] {
  return [...run.tables.values()].filter((t) => ['Regular', 'Partitioned', 'Foreign'].includes(t.tableType)).map((t) => t.schemaDefinition);
}

for (const binaryPackage of ['pg11', 'pg18'] as const) {
  describe(`table DDL on ${binaryPackage}`, () => {
    let server: EmbeddedPostgres;
    let run: MetadataRun;
    let originalUrl: string;
    let copyUrl: string;

    beforeAll(async () => {
      server = await startMajor(binaryPackage);
      const fixture = [...catalogFixtureSql({ major: server.major }), 'CREATE EXTENSION IF NOT EXISTS btree_gist', ...EXTRAS];
      for (const database of ['original', 'copy']) {
        await execSql(server.url, `CREATE DATABASE ${database}`);
        await execSql(urlFor(server.url, { database }), fixture);
      }
      originalUrl = urlFor(server.url, { database: 'original' });
      copyUrl = urlFor(server.url, { database: 'copy' });
      run = await runMetadata({ url: originalUrl });
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('writes a CREATE statement for every table, partitioned and foreign table', () => {
      const ddl = tableDdl(run);
      expect(ddl.length).toBeGreaterThan(10);
      for (const statement of ddl) expect(statement).toMatch(/^CREATE (UNLOGGED |FOREIGN )?TABLE "[^]+"\."[^]+" \(\n[^]*\)[^]*;$/);
    });

    it('spells out identity, defaults with quotes, persistence and odd names as Postgres would run them', () => {
      expect(run.tables.get('public.scratch_rows')?.schemaDefinition).toBe(
        'CREATE UNLOGGED TABLE "public"."scratch_rows" (\n' +
          '    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n' +
          `    "note" text DEFAULT 'it''s new'::text,\n` +
          '    CONSTRAINT "scratch_rows_pkey" PRIMARY KEY (id)\n' +
          ');',
      );
      // The entity's name has its quotes encoded, as OpenMetadata wants; the DDL keeps the name Postgres knows.
      expect(run.tables.get(`public.${encodeName('odd "name"')}`)?.schemaDefinition).toContain(
        'CREATE TABLE "public"."odd ""name""" (\n    "the ""id""" integer NOT NULL,',
      );
    });

    it('creates tables that read back from pg_catalog exactly as the originals', async () => {
      const expected = await tableFacts(originalUrl, server.major);
      await recreateFromDdl(copyUrl, tableDdl(run));
      const actual = await tableFacts(copyUrl, server.major);
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
    }, 120_000);
  });
}
