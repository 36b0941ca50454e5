import { printable } from '../util/printable.js';
import { redact } from '../util/redact.js';
import type { WorkflowStatus } from './workflow-status.js';

function table(header: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  return [rule, line(header), rule, ...rows.map(line), rule].join('\n');
}

const MAX_FAILURES_SHOWN = 100;

/** The end-of-run report: a row per step, then the failures, then the verdict. */
export function renderSummary(status: WorkflowStatus): string {
  const out: string[] = [];
  out.push(
    table(
      ['Step', 'Processed', 'Updated', 'Warnings', 'Filtered', 'Errors'],
      status.steps.map((s) => [
        s.name,
        String(s.records),
        String(s.updatedRecords),
        String(s.warnings.length),
        String(s.filtered.length),
        String(s.failures.length),
      ]),
    ),
  );
  for (const step of status.steps) for (const [name, value] of step.facts) out.push(`${step.name}: ${name}: ${value}`);
  const failures = status.steps.flatMap((s) => s.failures.map((f) => [s.name, f.name, f.error.replace(/\s+/g, ' ').slice(0, 200)]));
  if (failures.length > 0) {
    out.push('Failures:');
    out.push(table(['From', 'Entity Name', 'Message'], failures.slice(0, MAX_FAILURES_SHOWN)));
    if (failures.length > MAX_FAILURES_SHOWN) out.push(`... and ${failures.length - MAX_FAILURES_SHOWN} more (see --status-json)`);
  }
  const seconds = ((status.finishedAt ?? new Date()).getTime() - status.startedAt.getTime()) / 1000;
  out.push(`Success %: ${status.successPercent.toFixed(2)}`);
  out.push(`Workflow finished in ${seconds.toFixed(2)} s: ${status.state}${status.fatalError ? ` (${status.fatalError})` : ''}`);
  return redact(out.join('\n')) + '\n';
}
