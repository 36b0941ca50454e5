/**
 * The profiler bench's data: one wide table (12 columns of mixed types, a primary key, NULLs, a skewed text column)
 * of N rows, and many small tables. Built in the database by generate_series, deterministic but for amount/score.
 */
import pg from 'pg';

export const BIG_TABLE = 'big_facts';
export const SMALL_SCHEMA = 'many';

export async function buildBigTable(url: string, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop table if exists ${BIG_TABLE}`);
    await client.query(`create table ${BIG_TABLE} as
      select i as id, (i::int8 * 7919) % 1000003 as account, round((((i * 37) % 100000) / 7.0)::numeric, 2) as amount,
        ((i * 13) % 10007) / 3.0::float8 as score, md5(i::text) as token, 'cat_' || (i % 50) as category,
        (i % 3 = 0) as flag, date '2020-01-01' + (i % 2000) as day, timestamptz '2024-01-01' + (i || ' seconds')::interval as seen,
        (i % 32767)::int2 as small, case when i % 10 = 0 then null else 'v' || (i % 1000) end as sparse,
        repeat('x', i % 20) as padding
      from generate_series(1, ${rows}) i`);
    await client.query(`alter table ${BIG_TABLE} add primary key (id)`);
    await client.query(`vacuum analyze ${BIG_TABLE}`);
  } finally {
    await client.end();
  }
}

export async function buildSmallTables(url: string, tables: number, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${SMALL_SCHEMA} cascade`);
    await client.query(`create schema ${SMALL_SCHEMA}`);
    // One DO block: a thousand CREATE ... AS statements without a thousand round trips.
    await client.query(`do $$ begin for t in 1..${tables} loop
      execute format('create table ${SMALL_SCHEMA}.t%s as select i as id, i * 1.5 as amount, ''name '' || i as name, i %% 2 = 0 as flag,
        date ''2024-01-01'' + i as day from generate_series(1, ${rows}) i', t);
      end loop; end $$`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** The best of `runs` timings of SELECT count(*) on the big table, in ms. */
export async function countStarMs(url: string, runs: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await client.query(`select count(*) from ${BIG_TABLE}`);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  } finally {
    await client.end();
  }
}
