import { isObject, lastCompletedAt, object, text, type Json } from './json-fields.js';

/** One source's freshness as `dbt source freshness` found it (sources.json). */
export interface FreshnessResult {
  uniqueId: string;
  /** pass, warn, error, or runtime error (the query itself failed). */
  status: string;
  maxLoadedAt?: string;
  ageSeconds?: number;
  warnAfter?: string;
  errorAfter?: string;
  /** The query's error, for a runtime error. */
  error?: string;
  completedAt?: string;
}

/** A freshness threshold as dbt's YAML says it (`2 day`), or undefined when not set. */
function threshold(value: unknown): string | undefined {
  const { count, period } = object(value);
  return typeof count === 'number' && typeof period === 'string' ? `${count} ${period}` : undefined;
}

/** sources.json's results by source unique id. */
export function readSourceFreshness(document: Json): Map<string, FreshnessResult> {
  const generatedAt = text(object(document.metadata).generated_at);
  const results = new Map<string, FreshnessResult>();
  for (const raw of Array.isArray(document.results) ? document.results : []) {
    if (!isObject(raw)) continue;
    const uniqueId = text(raw.unique_id);
    const status = text(raw.status);
    if (!uniqueId || !status) continue;
    const criteria = object(raw.criteria);
    const completedAt = lastCompletedAt(raw) ?? text(raw.snapshotted_at) ?? generatedAt;
    const fields: Array<[keyof FreshnessResult, unknown]> = [
      ['maxLoadedAt', text(raw.max_loaded_at)],
      ['ageSeconds', typeof raw.max_loaded_at_time_ago_in_s === 'number' ? raw.max_loaded_at_time_ago_in_s : undefined],
      ['warnAfter', threshold(criteria.warn_after)],
      ['errorAfter', threshold(criteria.error_after)],
      ['error', text(raw.error) ?? text(raw.message)],
      ['completedAt', completedAt],
    ];
    results.set(uniqueId, { uniqueId, status, ...Object.fromEntries(fields.filter(([, value]) => value !== undefined)) });
  }
  return results;
}
