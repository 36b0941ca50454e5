import type { ColumnKind } from '../column-kinds.js';
import type { TableColumnTags } from '../table-profile.js';
import { classifyColumn } from './classify-column.js';

/**
 * The PII tags of a table's columns from their names and sample values (each row one value per column, in order),
 * at `confidence` (0–100) or above; undefined when no column gets one.
 */
export function columnPiiTags(
  table: TableColumnTags['table'],
  columns: ReadonlyArray<{ name: string; kind: ColumnKind }>,
  rows: ReadonlyArray<readonly unknown[]>,
  confidence: number,
): TableColumnTags | undefined {
  const tagged = columns.flatMap((column, i) => {
    const verdict = classifyColumn(
      column.name,
      column.kind,
      rows.map((row) => row[i]),
      confidence,
    );
    if (!verdict) return [];
    const label = { tagFQN: verdict.tag, source: 'Classification' as const, labelType: 'Automated' as const, state: 'Suggested' as const };
    return [{ name: column.name, tags: [label], confidence: Math.round(verdict.confidence * 100), reason: verdict.reason }];
  });
  return tagged.length > 0 ? { table, columns: tagged } : undefined;
}
