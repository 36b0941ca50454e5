// OpenMetadata's query-log CSV as the history of usage and lineage: read row by row, quoted multi-line statements
// kept whole, broken rows warned about with their line while the rest goes on; a missing file or a file without a
// query_text column is the config's fault (exit 2), found before anything runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogTime, readQueryLog, type QueryLogEvent } from '../../src/usage/query-log-file.js';
import { serverMajor } from '../support/fixture-db.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { runLineage } from '../support/run-lineage.js';
import { runUsage, usageCounts } from '../support/run-usage.js';

let folder: string;
let db: TestDatabase;

const LOG = [
  'query_text,user_name,start_time,end_time,duration,database_name,schema_name,aborted',
  '"insert into mart.daily_revenue (day, region, revenue, orders)\nselect o.ordered_at, c.region, sum(o.amount), count(*)\nfrom raw.orders o join raw.customers c on c.id = o.customer_id group by 1, 2",etl,2026-11-30 06:00:00.000000,,1200,,,false',
  'select * from raw.orders where amount > 10,analyst,2026-11-30 09:15:00.5,,3.5,,,',
  'select * from raw.orders where amount > 20,analyst,2026-12-01 09:15:00,,3.5,,,',
  ',analyst,2026-12-01 09:16:00,,1,,,',
  '"select 1 from raw.customers where name = "unterminated,analyst,2026-12-01 09:17:00,,1,,,',
  'insert into raw.orders selec 1,analyst,2026-12-01 09:18:00,,1,,,',
  'select count(*) from raw.customers,analyst,2026-12-01 10:00:00,,1,,,true',
].join('\n');

async function collect(path: string): Promise<QueryLogEvent[]> {
  const events: QueryLogEvent[] = [];
  for await (const event of readQueryLog(path)) events.push(event);
  return events;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'omgen-query-log-'));
  await writeFile(join(folder, 'log.csv'), LOG);
  db = await createTestDatabase('query_log');
  await buildWarehouse(db.url, await serverMajor(db.url));
});

afterAll(async () => {
  await db?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the query-log reader', () => {
  it('keeps multi-line statements whole and reads OpenMetadata time stamps as UTC', async () => {
    const events = await collect(join(folder, 'log.csv'));
    const queries = events.flatMap((e) => (e.kind === 'query' ? [e.query] : []));
    expect(queries[0]?.text).toMatch(/^insert into mart\.daily_revenue[\s\S]*group by 1, 2$/);
    expect(queries[0]).toMatchObject({ userName: 'etl', duration: 1200, aborted: false });
    expect(queries[0]?.startTime?.toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(queries.at(-1)?.aborted).toBe(true);
    expect(parseLogTime('2026-12-01 09:15:00.123456')?.toISOString()).toBe('2026-12-01T09:15:00.123Z');
    expect(parseLogTime('not a time')).toBeUndefined();
  });

  it('warns about a row without query_text and a row it cannot read, with their lines, and goes on', async () => {
    const events = await collect(join(folder, 'log.csv'));
    const warnings = events.flatMap((e) => (e.kind === 'warning' ? [e] : []));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/without query_text/), expect.stringMatching(/^row skipped: /)]);
    expect(warnings.every((w) => w.line > 1)).toBe(true);
    expect(events.filter((e) => e.kind === 'query').length).toBe(5);
  });
});

describe('usage and lineage from a query log', () => {
  it('lineage: edges from the log, an unparseable statement a warning, exit 0', async () => {
    const { result, lines } = await runLineage(db.url, {
      queryLogFilePath: join(folder, 'log.csv'),
      processViewLineage: false,
      processStoredProcedureLineage: false,
    });
    expect(result.exitCode).toBe(0);
    const targets = lines.map((l) => (l.data as { edge: { toEntity: { fullyQualifiedName: string } } }).edge.toEntity.fullyQualifiedName);
    expect(new Set(targets)).toEqual(new Set([`wh.${db.name}.mart.daily_revenue`]));
    const warnings = result.status.step('Postgres')?.warnings.map((w) => `${w.name}: ${w.message}`) ?? [];
    expect(warnings).toContainEqual(expect.stringMatching(/insert into raw\.orders selec 1: not parsed: syntax error at or near "selec"/));
    // The reads cannot be lineage: they are not parsed at all.
    expect(result.status.step('Postgres')?.facts.get('statements parsed')).toBe('50.0 % (1 of 2); 2 read-only statements not parsed');
  });

  it('usage: each line counts once on the day it started; aborted lines do not count', async () => {
    const { result, lines } = await runUsage(db.url, folder, { queryLogFilePath: join(folder, 'log.csv') });
    expect(result.exitCode).toBe(0);
    const byDay = lines
      .filter((l) => l.type === 'usageRequest')
      .map((l) => l.data as { table: { fullyQualifiedName: string }; usage: { date: string; count: number } })
      .map((d) => `${d.usage.date} ${d.table.fullyQualifiedName.split('.').slice(-2).join('.')} ${d.usage.count}`)
      .sort();
    expect(byDay).toEqual(['2026-11-30 mart.daily_revenue 1', '2026-11-30 raw.customers 1', '2026-11-30 raw.orders 2', '2026-12-01 raw.orders 1']);
    expect(usageCounts(lines).get(`wh.${db.name}.raw.orders`)).toBe(3);
  });

  it('a missing log file is exit 2, named, before anything runs', async () => {
    const { result } = await runUsage(db.url, folder, { queryLogFilePath: join(folder, 'missing.csv') });
    expect(result.exitCode).toBe(2);
    expect(result.started).toBe(false);
    expect(result.fatal?.message).toMatch(/^queryLogFilePath .*missing\.csv: cannot read it \(ENOENT\)$/);
  });
});
