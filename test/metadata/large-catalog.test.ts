// A catalog large enough that the file sink has to wait for the disk many times: every record still arrives, in
// order, and waiting leaks nothing (no listener pile-up on the output stream).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyTablesSql } from '../support/fixture-db.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata, type MetadataRun } from '../support/run-metadata.js';

const TABLES = 600;

let db: TestDatabase;
let run: MetadataRun;
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

beforeAll(async () => {
  db = await createTestDatabase('md_large');
  await execSql(db.url, manyTablesSql(TABLES));
  process.on('warning', onWarning);
  try {
    run = await runMetadata({ url: db.url, sourceConfig: { includeStoredProcedures: false } });
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe(`${TABLES} tables through the file sink`, () => {
  it('writes every table once, in name order within the schema, with nothing failed', () => {
    expect(run.result.exitCode).toBe(0);
    expect(run.step('Postgres').failures).toEqual([]);
    const names = run.of('createTable').map((t) => t.name);
    expect(names).toHaveLength(TABLES + 1);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(run.step('File').records).toBe(run.records.length);
  });

  it('keeps every FK and comment of the chain', () => {
    for (let i = 1; i < TABLES; i++) {
      const table = run.tables.get(`bulk.t${i}`) as Record<string, any>;
      expect(table.description).toBe(`table ${i}`);
      expect(table.tableConstraints).toContainEqual({
        constraintType: 'FOREIGN_KEY',
        columns: ['prev_id'],
        referredColumns: [`svc.${db.name}.bulk.t${i - 1}.id`],
      });
    }
  });

  it('emits no process warning (e.g. MaxListenersExceededWarning from waiting on the stream)', () => {
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});
