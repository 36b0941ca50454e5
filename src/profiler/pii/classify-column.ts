import type { ColumnKind } from '../column-kinds.js';
import { contentVerdict } from './content-rules.js';
import { nameVerdict } from './name-rules.js';
import type { PiiVerdict } from './pii-tags.js';

const nameKind = (kind: ColumnKind): 'text' | 'number' | 'datetime' | 'other' =>
  kind === 'concatenable' ? 'text' : kind === 'quantifiable' ? 'number' : kind === 'datetime' ? 'datetime' : kind === 'countable' ? 'other' : 'text';

/**
 * A column's PII tag: from its name (sure), else from its sample values (as sure as the share that matched), kept
 * only at or above `confidence` (0–100, OpenMetadata's key).
 */
export function classifyColumn(name: string, kind: ColumnKind, values: readonly unknown[], confidence: number): PiiVerdict | undefined {
  const verdict = nameVerdict(name, nameKind(kind)) ?? contentVerdict(values);
  return verdict && verdict.confidence * 100 >= confidence ? verdict : undefined;
}
