import type { SqlParams } from '../profiler/sql-params.js';
import { quoteIdent } from '../postgres/quote.js';
import type { TestParameters } from './test-parameters.js';

export type Row = Record<string, unknown>;

/** What a test runs against: the sample as a FROM item, the table's columns, a way to run statements. */
export interface TestContext {
  /** `(SELECT ... FROM table ...) AS sample`, with its own parameters. */
  from: (params: SqlParams) => string;
  columns: readonly string[];
  /** The table under test: its FQN's parts. */
  table: { database: string; schema: string; name: string };
  column?: string;
  /** The tested column's OpenMetadata dataType (DATE, TIMESTAMPZ, INT, ...). */
  columnType?: string;
  parameters: TestParameters;
  run: (text: string, params: unknown[]) => Promise<Row[]>;
  /**
   * One row of aggregates over the sample, each `[alias, expression]`. The runner may compute those of several tests
   * in one scan, so expressions must not depend on anything but the sample's rows and their parameters.
   */
  aggregate: (build: (params: SqlParams) => Array<[string, string]>) => Promise<Row>;
  /** Why a custom SQL expression may not run, if it may not. */
  customSqlProblem: (sql: string) => string | undefined;
  /** Why a filter (a WHERE condition) may not run, if it may not. */
  filterProblem: (condition: string) => string | undefined;
}

export const num = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));
export const param = <T>(ctx: TestContext, name: string): T | undefined => ctx.parameters.get(name) as T | undefined;
export const bounds = (min?: number, max?: number) => `[${min ?? '-inf'}, ${max ?? 'inf'}]`;
/** Bounds are inclusive; a missing bound is open. */
export const within = (value: number | undefined, min?: number, max?: number): boolean =>
  value !== undefined && (min === undefined || value >= min) && (max === undefined || value <= max);

/** The select list of aggregates, aliased (aliases quoted, so none is folded to lower case). */
export const selectList = (items: Array<[string, string]>): string =>
  items.map(([alias, expression]) => `${expression} AS ${quoteIdent(alias)}`).join(', ');
