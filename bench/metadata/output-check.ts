import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { GeneratedDatabase } from './generate.js';

export const EXPECTED_TABLES = 10_500;

/** What the worker's NDJSON output holds, with every count that does not match the catalog. */
export interface OutputCheck {
  bytes: number;
  records: Record<string, number>;
  tables: number;
  views: number;
  viewsWithDdl: number;
  tablesWithDdl: number;
  columns: number;
  columnsWithDescription: number;
  constraints: Record<string, number>;
  problems: string[];
}

export async function checkOutput(file: string, db: GeneratedDatabase): Promise<OutputCheck> {
  const out: OutputCheck = {
    bytes: statSync(file).size,
    records: {},
    tables: 0,
    views: 0,
    viewsWithDdl: 0,
    tablesWithDdl: 0,
    columns: 0,
    columnsWithDescription: 0,
    constraints: {},
    problems: [],
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const { type, data } = JSON.parse(line) as { type: string; data: Record<string, unknown> };
    out.records[type] = (out.records[type] ?? 0) + 1;
    if (type !== 'createTable') continue;
    out.tables++;
    if (data.tableType === 'View') {
      out.views++;
      if (typeof data.schemaDefinition === 'string') out.viewsWithDdl++;
    } else if (typeof data.schemaDefinition === 'string' && data.schemaDefinition.startsWith('CREATE TABLE')) {
      out.tablesWithDdl++;
    }
    const columns = data.columns as { description?: string; constraint?: string }[];
    out.columns += columns.length;
    out.columnsWithDescription += columns.filter((c) => c.description).length;
    // A single-column primary or unique key is stated on its column, any other key in tableConstraints.
    const keys = [
      ...columns.map((c) => c.constraint).filter((t) => t === 'PRIMARY_KEY' || t === 'UNIQUE'),
      ...((data.tableConstraints as { constraintType: string }[] | undefined) ?? []).map((c) => c.constraintType),
    ];
    for (const type of keys) out.constraints[type] = (out.constraints[type] ?? 0) + 1;
  }
  const expect = (what: string, got: number, want: number): void => {
    if (got !== want) out.problems.push(`${what}: ${got}, expected ${want}`);
  };
  const c = db.counts;
  expect('createTable records', out.tables, EXPECTED_TABLES);
  expect('createTable records (vs the catalog)', out.tables, c.tables + c.views);
  expect('views', out.views, c.views);
  expect('views with schemaDefinition', out.viewsWithDdl, c.views);
  expect('tables with CREATE TABLE as schemaDefinition', out.tablesWithDdl, c.tables);
  expect('columns', out.columns, c.columns);
  expect('column descriptions', out.columnsWithDescription, c.columnComments);
  expect('PRIMARY_KEY constraints', out.constraints.PRIMARY_KEY ?? 0, c.primaryKeys);
  expect('FOREIGN_KEY constraints', out.constraints.FOREIGN_KEY ?? 0, c.foreignKeys);
  expect('UNIQUE constraints', out.constraints.UNIQUE ?? 0, c.uniqueConstraints);
  expect('createDatabaseSchema records', out.records.createDatabaseSchema ?? 0, c.userSchemas);
  expect('createStoredProcedure records', out.records.createStoredProcedure ?? 0, c.routines);
  return out;
}
