// Pass two's groupings on real Postgres: a string column's length statistics come from its groups only where equal
// values are identical; columns with no values still count 0 distinct; what pg_stats says is large is sorted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runProfiler } from '../support/run-profiler.js';

type Column = Record<string, unknown>;

describe('profiler groupings', () => {
  let db: TestDatabase;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('profiler_grp');
    url = db.url;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const columnsOf = async (table: string): Promise<Column[]> => {
    const run = await runProfiler(url, { generateSampleData: false, tableFilterPattern: { includes: [`^${table}$`] } });
    expect(run.result.exitCode).toBe(0);
    return (run.lines.find((l) => l.type === 'tableProfile')?.data as { columnProfile: Column[] }).columnProfile;
  };

  /** The length statistics Postgres gives over every value of a column, by the aggregates OpenMetadata uses. */
  const lengthsOf = (table: string, column: string) =>
    withClient(url, async (c) => {
      const { rows } = await c.query(
        `select min(char_length(${column}::text))::int as "minLength", max(char_length(${column}::text))::int as "maxLength",
           sum(char_length(${column}::text))::int as sum, avg(char_length(${column}::text))::float8 as mean,
           stddev_pop(char_length(${column}::text))::float8 as stddev,
           percentile_cont(0.5) within group (order by char_length(${column}::text)) as median from ${table}`,
      );
      return rows[0] as Record<string, number>;
    });

  it('counts 0 distinct and unique values in a string column with none, and in an empty table', async () => {
    await execSql(url, [
      'create table nulls_t (id int, note text, label varchar(10))',
      "insert into nulls_t select i, null, case when i = 1 then 'only' end from generate_series(1, 50) i",
      'create table empty_t (note text, n int)',
    ]);
    const nulls = await columnsOf('nulls_t');
    expect(nulls.find((c) => c.name === 'note')).toMatchObject({ valuesCount: 0, nullCount: 50, distinctCount: 0, uniqueCount: 0 });
    expect(nulls.find((c) => c.name === 'label')).toMatchObject({
      valuesCount: 1,
      distinctCount: 1,
      uniqueCount: 1,
      minLength: 4,
      maxLength: 4,
      median: 4,
    });
    const empty = await columnsOf('empty_t');
    expect(empty.find((c) => c.name === 'note')).toMatchObject({ valuesCount: 0, distinctCount: 0, uniqueCount: 0 });
    expect(empty.find((c) => c.name === 'n')).toMatchObject({ valuesCount: 0, distinctCount: 0, uniqueCount: 0 });
  });

  it('takes string lengths value by value where equal values differ: a non-deterministic collation, citext', async () => {
    const icu = await withClient(url, async (c) => {
      const { rows } = await c.query(
        "select current_setting('server_version_num')::int >= 120000 and exists (select from pg_collation where collprovider = 'i') as ok",
      );
      return rows[0].ok as boolean;
    });
    const citext = await withClient(
      url,
      async (c) => (await c.query("select exists (select from pg_available_extensions where name = 'citext') as ok")).rows[0].ok as boolean,
    );
    expect(icu || citext, 'this server offers neither ICU collations nor citext').toBe(true);
    const values = ["'ab'", "'a-b'", "'a b'", "'AB'", "'é'", "'e' || chr(769)", "'x'", "'XY'", "'xy'"];
    const checked: string[] = [];
    if (icu) {
      await execSql(url, [
        "create collation loose_ci (provider = icu, locale = 'und-u-ka-shifted-ks-level2', deterministic = false)",
        'create table icu_t (v text collate loose_ci)',
        `insert into icu_t values ${values.map((v) => `(${v})`).join(', ')}`,
      ]);
      checked.push('icu_t');
    }
    if (citext) {
      await execSql(url, [
        'create extension if not exists citext',
        'create table citext_t (v citext)',
        `insert into citext_t values ${values.map((v) => `(${v})`).join(', ')}`,
      ]);
      checked.push('citext_t');
    }
    for (const table of checked) {
      const column = (await columnsOf(table)).find((c) => c.name === 'v') as Column;
      const expected = await lengthsOf(table, 'v');
      expect(column, table).toMatchObject({
        minLength: expected.minLength,
        maxLength: expected.maxLength,
        sum: expected.sum,
        median: expected.median,
      });
      expect(column.mean as number).toBeCloseTo(expected.mean as number, 12);
      expect(column.stddev as number).toBeCloseTo(expected.stddev as number, 12);
      // Distinct as the column's own equality counts them.
      const distinct = await withClient(url, async (c) =>
        Number((await c.query(`select count(*) from (select v from ${table} group by v) g`)).rows[0].count),
      );
      expect(column.distinctCount, table).toBe(distinct);
    }
  });

  it("groups strings in the C collation where equal means the same bytes, with the counts the column's own equality gives", async () => {
    await execSql(url, [
      "create type mood as enum ('sad', 'ok', 'happy')",
      `create table collated_t (padded char(4), label varchar(20), feeling mood, note text collate "POSIX")`,
      `insert into collated_t values ('a', 'B', 'ok', 'x'), ('a  ', 'b', 'ok', 'x'), ('b', 'a', 'sad', 'y'), ('ab', 'B', 'happy', 'Y')`,
    ]);
    const run = await runProfiler(url, { generateSampleData: false, tableFilterPattern: { includes: ['^collated_t$'] } });
    expect(run.result.exitCode).toBe(0);
    const statements = run.debug.filter((l) => l.includes('collated_t: '));
    for (const name of ['padded', 'label', 'note'])
      expect(
        statements.some((l) => l.includes(`"${name}" COLLATE "C"`)),
        name,
      ).toBe(true);
    // An enum has no collation: it is grouped as it is.
    expect(statements.some((l) => l.includes('"feeling" COLLATE'))).toBe(false);
    const columns = (run.lines.find((l) => l.type === 'tableProfile')?.data as { columnProfile: Column[] }).columnProfile;
    const expected = await withClient(url, async (c) => {
      const out: Record<string, { distinctCount: number; uniqueCount: number }> = {};
      for (const name of ['padded', 'label', 'feeling', 'note']) {
        const { rows } = await c.query(
          `select count(distinct ${name})::int as "distinctCount",
             (select count(*) from (select 1 from collated_t group by ${name} having count(*) = 1) u)::int as "uniqueCount" from collated_t`,
        );
        out[name] = rows[0];
      }
      return out;
    });
    // char(n) ignores trailing blanks: 'a' and 'a  ' are one value.
    expect(expected.padded).toEqual({ distinctCount: 3, uniqueCount: 2 });
    for (const [name, counts] of Object.entries(expected))
      expect(
        columns.find((c) => c.name === name),
        name,
      ).toMatchObject(counts);
  });

  it('groups by sorting the columns pg_stats says hold more than 300,000 values, and only those', async () => {
    await execSql(url, [
      `create table wide_t as select i as id, md5(i::text) as token, i % 10 as bucket from generate_series(1, 310000) i`,
      'analyze wide_t',
    ]);
    const run = await runProfiler(url, { generateSampleData: false, threadCount: 3, tableFilterPattern: { includes: ['^wide_t$'] } });
    const sorted = run.debug.filter((l) => l.includes('wide_t: SET LOCAL enable_hashagg = off'));
    expect(sorted.length).toBe(2);
    const columns = (run.lines.find((l) => l.type === 'tableProfile')?.data as { columnProfile: Column[] }).columnProfile;
    expect(columns.find((c) => c.name === 'token')).toMatchObject({ distinctCount: 310000, uniqueCount: 310000, minLength: 32, maxLength: 32 });
    expect(columns.find((c) => c.name === 'id')).toMatchObject({ distinctCount: 310000, uniqueCount: 310000, median: 155000.5 });
    expect(columns.find((c) => c.name === 'bucket')).toMatchObject({ distinctCount: 10, uniqueCount: 0 });
  });
});
