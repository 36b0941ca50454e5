/** What each demo workflow wrote, read back from its file and said in a line or two a person can check. */
import { readFileSync } from 'node:fs';
import type { WorkflowKind } from '../config/workflow-kind.js';

interface Line {
  type: string;
  data: Record<string, unknown>;
}

function readLines(file: string): Line[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);
}

const count = (lines: readonly Line[], type: string): number => lines.filter((line) => line.type === type).length;

function statuses(lines: readonly Line[]): string {
  const byStatus = new Map<string, number>();
  for (const line of lines.filter((l) => l.type === 'testCaseResult')) {
    const status = String((line.data.testCaseResult as { testCaseStatus?: string } | undefined)?.testCaseStatus);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  return [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ') || 'none';
}

function edges(lines: readonly Line[]): string {
  const all = lines.filter((line) => line.type === 'addLineage');
  const columns = all.reduce((sum, line) => {
    const details = (line.data.edge as { lineageDetails?: { columnsLineage?: unknown[] } } | undefined)?.lineageDetails;
    return sum + (details?.columnsLineage?.length ?? 0);
  }, 0);
  return `${all.length} table lineage edges with ${columns} column mappings`;
}

/** One summary line per workflow kind, from the records its file holds. */
export function summarize(kind: WorkflowKind, file: string): string {
  const lines = readLines(file);
  switch (kind) {
    case 'metadata':
      return `${count(lines, 'createDatabaseSchema')} schemas, ${count(lines, 'createTable')} tables and views, ${count(lines, 'createStoredProcedure')} functions, ${count(lines, 'createTag')} tags`;
    case 'usage':
      return `${count(lines, 'usageRequest')} tables with usage, ${count(lines, 'createQuery')} queries, ${count(lines, 'tableJoins')} tables with joins`;
    case 'lineage':
      return edges(lines);
    case 'profiler':
      return `${count(lines, 'tableProfile')} tables profiled, ${count(lines, 'tableData')} with sample rows, ${count(lines, 'columnTags')} with PII tags`;
    case 'testSuite':
      return `${count(lines, 'createTestCase')} test cases: ${statuses(lines)}`;
    case 'dbt':
      return `${count(lines, 'dataModel')} data models, ${edges(lines)}, dbt tests: ${statuses(lines)}`;
  }
}
