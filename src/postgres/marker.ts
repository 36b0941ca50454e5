import { OMGEN_VERSION } from '../version.js';

/**
 * OpenMetadata prefixes every statement its ingestion runs with this comment, and its usage and lineage workflows
 * drop statements that start with it. Keeping the exact shape (JSON, a space after each colon and comma) makes our
 * own catalog reads invisible to both tools' usage ingestion.
 */
export const QUERY_MARKER = `/* {"app": "OpenMetadata", "version": "omgen-${OMGEN_VERSION}"} */`;

/**
 * The marker leads (what OpenMetadata's filter looks for, and what pg_stat_statements keeps up to Postgres 17) and
 * trails (Postgres 18's pg_stat_statements records a statement from its first token, dropping a leading comment, but
 * keeps one after the last): our own statements stay recognisable on every major.
 */
export function marked(sql: string): string {
  return `${QUERY_MARKER}\n${sql}\n${QUERY_MARKER}`;
}

/** SQL LIKE patterns that match a statement text carrying OpenMetadata's (or our) marker, first or last. */
export const OPENMETADATA_MARKER_PATTERNS = ['/* {"app": "OpenMetadata", %} */%', '%/* {"app": "OpenMetadata", %} */'] as const;

/** dbt's marker, which OpenMetadata's usage and lineage workflows skip as well. */
export const DBT_MARKER_PATTERN = '/* {"app": "dbt", %} */%';
