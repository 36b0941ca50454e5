import { OMGEN_VERSION } from '../version.js';

/**
 * OpenMetadata prefixes every statement its ingestion runs with this comment, and its usage and lineage workflows
 * drop statements that start with it. Keeping the exact shape (JSON, a space after each colon and comma) makes our
 * own catalog reads invisible to both tools' usage ingestion.
 */
export const QUERY_MARKER = `/* {"app": "OpenMetadata", "version": "omgen-${OMGEN_VERSION}"} */`;

export function marked(sql: string): string {
  return `${QUERY_MARKER}\n${sql}`;
}
