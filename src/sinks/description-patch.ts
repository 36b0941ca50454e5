import type { JsonPatchOperation } from '../openmetadata/openmetadata-client.js';

/**
 * With overrideMetadata: true the source's descriptions replace a person's, which the server keeps against the
 * ingestion bot's PUT: this is the JSON Patch that puts them right after the PUT, from what the server answered.
 * Only descriptions the source has are written; one it lacks never clears the server's (as OpenMetadata's own
 * ingestion never removes under override).
 */
type Body = Record<string, unknown>;

interface Described {
  name?: unknown;
  description?: unknown;
}

const wanted = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function descriptionPatch(stored: Body, sent: Body): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  if (wanted(sent.description) && stored.description !== sent.description) {
    ops.push({ op: stored.description === undefined ? 'add' : 'replace', path: '/description', value: sent.description });
  }
  const sentColumns = new Map(((sent.columns as Described[] | undefined) ?? []).map((c) => [c.name, c.description]));
  ((stored.columns as Described[] | undefined) ?? []).forEach((column, i) => {
    const description = sentColumns.get(column.name);
    if (!wanted(description) || column.description === description) return;
    ops.push({ op: column.description === undefined ? 'add' : 'replace', path: `/columns/${i}/description`, value: description });
  });
  return ops;
}
