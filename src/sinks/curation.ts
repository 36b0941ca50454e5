import type { JsonPatchOperation, StoredEntity } from '../openmetadata/openmetadata-client.js';

/**
 * What people curated on the server (owners, descriptions, display names) against what the source says, as
 * OpenMetadata's own ingestion weighs them under overrideMetadata.
 */
type Body = Record<string, unknown>;

/**
 * The body of an update of an entity the server already holds. With overrideMetadata false, an owner there (a person
 * may have chosen it) is left alone: the source's owner only fills an empty place (the sourceHash, computed before,
 * still covers the source's). Postgres has no display names, so one there is a person's: sent back as it is, since
 * newer servers take an update without one as clearing it.
 */
export function keepCuration(body: Body, stored: StoredEntity, overrideMetadata: boolean): void {
  if (stored.hasOwner === true && !overrideMetadata) {
    delete body.owner;
    delete body.owners;
  }
  if (typeof stored.displayName === 'string' && stored.displayName !== '' && body.displayName === undefined) body.displayName = stored.displayName;
}

interface Described {
  name?: unknown;
  description?: unknown;
}

const wanted = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * With overrideMetadata: true the source's descriptions replace a person's, which the server keeps against the
 * ingestion bot's PUT: this is the JSON Patch that puts them right after the PUT, from what the server answered.
 * Only descriptions the source has are written; one it lacks never clears the server's (as OpenMetadata's own
 * ingestion never removes under override).
 */
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
