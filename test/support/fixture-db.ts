// A test database loaded with the catalog fixture (plus any extra statements a test file needs).
import { catalogFixtureSql, majorFromServerVersionNum } from './catalog-fixture.js';
import { createTestDatabase, execSql, withClient, type TestDatabase } from './pg.js';

export interface FixtureDatabase extends TestDatabase {
  major: number;
}

export async function serverMajor(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ v: string }>("select current_setting('server_version_num') as v");
    return majorFromServerVersionNum(Number(r.rows[0].v));
  });
}

/** Creates a database on the shared server and runs the fixture in it, then `extras(name)`. */
export async function createFixtureDatabase(prefix: string, extras: (name: string, major: number) => string[] = () => []): Promise<FixtureDatabase> {
  const db = await createTestDatabase(prefix);
  try {
    const major = await serverMajor(db.url);
    await execSql(db.url, catalogFixtureSql({ major }));
    const more = extras(db.name, major);
    if (more.length > 0) await execSql(db.url, more);
    return { ...db, major };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** A database URL on the same server as `url`, for another database or user. */
export function urlFor(url: string, change: { database?: string; user?: string }): string {
  const out = new URL(url);
  if (change.database !== undefined) out.pathname = `/${encodeURIComponent(change.database)}`;
  if (change.user !== undefined) out.username = encodeURIComponent(change.user);
  return out.toString();
}

/** OpenMetadata's stored form of a name: `::`, `>` and `"` replaced by reserved words (test-side, on purpose). */
export function encodeName(name: string): string {
  return name.replaceAll('::', '__reserved__colon__').replaceAll('>', '__reserved__arrow__').replaceAll('"', '__reserved__quote__');
}

/** OpenMetadata's FQN: parts joined by `.`, a part holding a dot wrapped in double quotes (test-side). */
export function fqn(...parts: string[]): string {
  return parts.map((p) => (p.includes('.') ? `"${p}"` : p)).join('.');
}

export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The schemas a metadata run reads: everything but pg_* and information_schema. */
export const USER_SCHEMAS_SQL = "n.nspname !~ '^pg_' and n.nspname <> 'information_schema'";

/**
 * `count` tables in schema `bulk` (each with a primary key, a comment and an FK to the one before) and one view over
 * the first: a catalog whose size is the only thing that changes between two runs.
 */
export function manyTablesSql(count: number): string[] {
  const sql = ['CREATE SCHEMA bulk'];
  for (let i = 0; i < count; i++) {
    const fk = i === 0 ? '' : `, prev_id integer REFERENCES bulk.t${i - 1} (id)`;
    sql.push(`CREATE TABLE bulk.t${i} (id integer PRIMARY KEY, label varchar(20) NOT NULL, amount numeric(10,2)${fk})`);
    sql.push(`COMMENT ON TABLE bulk.t${i} IS 'table ${i}'`);
  }
  sql.push('CREATE VIEW bulk.v0 AS SELECT id, label FROM bulk.t0');
  return sql;
}
