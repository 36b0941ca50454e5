/**
 * What the workflows wrote, against what the generator says the log holds: lineage's addLineage edges against every
 * (table read → table written) pair of the log's writes; usage's usageRequest counts against every table each
 * analysed statement touched, per day. Coarse on purpose: the figures are the point, the checks only show that the
 * work measured was the work asked for.
 */
import { createReadStream, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { QueryLogExpectations } from './generate.js';

/** Below this share of the expected edges / table uses, the check fails. */
export const MIN_SHARE = 0.9;

export interface StepFacts {
  name: string;
  records: number;
  warnings: number;
  filtered: number;
  errors: number;
  facts: Record<string, string>;
}

export interface LineageCheck {
  bytes: number;
  records: Record<string, number>;
  edges: number;
  /** Edges the generator expects that the output has. */
  expectedFound: number;
  expected: number;
  /** Output edges the generator does not expect. */
  unexpected: number;
  unexpectedSamples: string[];
  missingSamples: string[];
  columnEdges: number;
  steps: StepFacts[];
  ok: boolean;
}

export interface UsageCheck {
  bytes: number;
  records: Record<string, number>;
  /** Sum of the usageRequest counts. */
  counted: number;
  expected: number;
  /** Table-days whose count is exactly the expected one, of the expected table-days. */
  exactDays: number;
  expectedDays: number;
  /** Counts per table over or under what the generator expects (largest first). */
  differences: string[];
  steps: StepFacts[];
  ok: boolean;
}

async function* records(file: string): AsyncGenerator<{ type: string; data: any }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as { type: string; data: any };
}

/** `service.database.schema.table` → `schema.table`. */
const shortName = (fqn: string): string => fqn.split('.').slice(2).join('.');

export async function readStatus(file: string): Promise<StepFacts[]> {
  const status = JSON.parse(await fs.readFile(file, 'utf8')) as { steps: StepFacts[] };
  return status.steps.map((s) => ({
    name: s.name,
    records: s.records,
    warnings: s.warnings,
    filtered: s.filtered,
    errors: s.errors,
    facts: s.facts ?? {},
  }));
}

export async function checkLineage(file: string, statusFile: string, x: QueryLogExpectations): Promise<LineageCheck> {
  const out: LineageCheck = {
    bytes: statSync(file).size,
    records: {},
    edges: 0,
    expectedFound: 0,
    expected: x.edges.size,
    unexpected: 0,
    unexpectedSamples: [],
    missingSamples: [],
    columnEdges: 0,
    steps: await readStatus(statusFile),
    ok: false,
  };
  const seen = new Set<string>();
  for await (const { type, data } of records(file)) {
    out.records[type] = (out.records[type] ?? 0) + 1;
    if (type !== 'addLineage') continue;
    out.edges++;
    out.columnEdges += (data.edge.lineageDetails.columnsLineage as unknown[]).length;
    const edge = `${shortName(data.edge.fromEntity.fullyQualifiedName)} -> ${shortName(data.edge.toEntity.fullyQualifiedName)}`;
    seen.add(edge);
    if (x.edges.has(edge)) out.expectedFound++;
    else if (out.unexpected++ < 5) out.unexpectedSamples.push(edge);
  }
  out.missingSamples = [...x.edges].filter((e) => !seen.has(e)).slice(0, 5);
  out.ok = out.edges > 0 && out.expectedFound >= MIN_SHARE * out.expected;
  return out;
}

export async function checkUsage(file: string, statusFile: string, x: QueryLogExpectations): Promise<UsageCheck> {
  const out: UsageCheck = {
    bytes: statSync(file).size,
    records: {},
    counted: 0,
    expected: x.usageTouches,
    exactDays: 0,
    expectedDays: x.usage.size,
    differences: [],
    steps: await readStatus(statusFile),
    ok: false,
  };
  const got = new Map<string, number>();
  for await (const { type, data } of records(file)) {
    out.records[type] = (out.records[type] ?? 0) + 1;
    if (type !== 'usageRequest') continue;
    out.counted += data.usage.count as number;
    const key = `${shortName(data.table.fullyQualifiedName)}\u0000${data.usage.date}`;
    got.set(key, (got.get(key) ?? 0) + (data.usage.count as number));
  }
  const byTable = new Map<string, number>();
  for (const key of new Set([...got.keys(), ...x.usage.keys()])) {
    const diff = (got.get(key) ?? 0) - (x.usage.get(key) ?? 0);
    if (diff === 0 && x.usage.has(key)) out.exactDays++;
    const table = key.split('\u0000')[0];
    byTable.set(table, (byTable.get(table) ?? 0) + diff);
  }
  out.differences = [...byTable]
    .filter(([, d]) => d !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .map(([table, d]) => `${table} ${d > 0 ? '+' : ''}${d}`);
  out.ok = out.counted >= MIN_SHARE * out.expected && out.counted <= out.expected * 1.01;
  return out;
}
