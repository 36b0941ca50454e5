// columnValuesToBeBetween on date and time columns: bounds are epoch timestamps (seconds, or milliseconds when
// written with 13 digits), a date spans its whole day, a timestamp without time zone is read as UTC. Statuses, the
// values shown and the rows outside are checked against SQL written independently here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochSeconds, pythonDateTime } from '../../src/quality/datetime-bounds.js';
import { createTestDatabase, execSql, withClient, type TestDatabase } from '../support/pg.js';
import { runQuality } from '../support/run-quality.js';

let db: TestDatabase;
let table: string;

const epoch = (iso: string): number => Date.parse(iso) / 1000;

beforeAll(async () => {
  db = await createTestDatabase('quality_dates');
  table = `svc.${db.name}.public.events`;
  await execSql(db.url, [
    'create table events (id int, day date, at timestamp, at_tz timestamptz)',
    `insert into events values
       (1, '2024-01-01', '2024-01-01 08:00:00', '2024-01-01 08:00:00+00'),
       (2, '2024-01-15', '2024-01-15 12:30:00.25', '2024-01-15 12:30:00+02'),
       (3, '2024-01-31', '2024-01-31 23:59:59', '2024-01-31 23:59:59+00'),
       (4, null, null, null)`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const outside = (sql: string): Promise<number> =>
  withClient(db.url, async (c) => Number((await c.query(`select count(*) as v from events where ${sql}`)).rows[0].v));

describe('date and time bounds', () => {
  it('reads bounds in seconds or milliseconds, spans a date over its day, and counts the rows outside', async () => {
    const jan1 = epoch('2024-01-01T00:00:00Z');
    const jan31 = epoch('2024-01-31T00:00:00Z');
    const feb1 = epoch('2024-02-01T00:00:00Z');
    const cases: Array<{ name: string; column: string; min?: string; max?: string; status: string; failed: number; values: [string, string] }> = [
      // The last day reaches 23:59:59.999999: a bound at its midnight leaves it outside, one at the next midnight in.
      {
        name: 'day_in',
        column: 'day',
        min: String(jan1),
        max: String(feb1),
        status: 'Success',
        failed: await outside(`day < '2024-01-01' or day >= '2024-02-01'`),
        values: ['2024-01-01 00:00:00', '2024-01-31 23:59:59.999999'],
      },
      {
        name: 'day_cut',
        column: 'day',
        max: String(jan31 * 1000),
        status: 'Failed',
        failed: await outside(`day >= '2024-01-31'`),
        values: ['2024-01-01 00:00:00', '2024-01-31 23:59:59.999999'],
      },
      {
        name: 'at_min_ms',
        column: 'at',
        min: String(epoch('2024-01-01T08:00:00Z') * 1000),
        status: 'Success',
        failed: 0,
        values: ['2024-01-01 08:00:00', '2024-01-31 23:59:59'],
      },
      {
        name: 'at_min_late',
        column: 'at',
        min: String(epoch('2024-01-10T00:00:00Z')),
        status: 'Failed',
        failed: await outside(`at < '2024-01-10'`),
        values: ['2024-01-01 08:00:00', '2024-01-31 23:59:59'],
      },
      {
        name: 'tz_window',
        column: 'at_tz',
        min: String(epoch('2024-01-15T10:30:00Z')),
        max: String(epoch('2024-01-15T10:30:00Z')),
        status: 'Failed',
        failed: await outside(`at_tz <> timestamptz '2024-01-15 10:30:00+00'`),
        values: ['2024-01-01 08:00:00+00:00', '2024-01-31 23:59:59+00:00'],
      },
      { name: 'tz_open', column: 'at_tz', status: 'Success', failed: 0, values: ['2024-01-01 08:00:00+00:00', '2024-01-31 23:59:59+00:00'] },
    ];
    const run = await runQuality(
      db.url,
      table,
      cases.map((c) => ({
        name: c.name,
        testDefinitionName: 'columnValuesToBeBetween',
        columnName: c.column,
        parameterValues: [...(c.min ? [{ name: 'minValue', value: c.min }] : []), ...(c.max ? [{ name: 'maxValue', value: c.max }] : [])],
        computePassedFailedRowCount: true,
      })),
    );
    expect(run.result.status.steps.flatMap((s) => s.failures)).toEqual([]);
    const results = new Map(
      run.lines.filter((l) => l.type === 'testCaseResult').map((l) => [l.data.testCase.fullyQualifiedName, l.data.testCaseResult]),
    );
    for (const c of cases) {
      const result = results.get(`${table}.${c.column}.${c.name}`);
      expect(result?.testCaseStatus, `${c.name}: ${result?.result}`).toBe(c.status);
      expect(result?.testResultValue, c.name).toEqual([
        { name: 'min', value: c.values[0] },
        { name: 'max', value: c.values[1] },
      ]);
      expect(result?.failedRows, c.name).toBe(c.failed);
    }
  });

  it('tells milliseconds from seconds by size, and prints times as Python does', () => {
    expect(epochSeconds(1704067200)).toBe(1704067200);
    expect(epochSeconds(1704067200000)).toBe(1704067200);
    expect(epochSeconds(undefined)).toBeUndefined();
    expect(pythonDateTime(1704067200.25, true)).toBe('2024-01-01 00:00:00.250000+00:00');
    expect(pythonDateTime(1704067200, false)).toBe('2024-01-01 00:00:00');
    // Postgres's infinite dates, which Python has no datetime for.
    expect(pythonDateTime(Infinity, true)).toBe('infinity');
    expect(pythonDateTime(-Infinity, false)).toBe('-infinity');
  });
});
