/**
 * Reading fields of dbt's JSON defensively: artifacts of every version, and of adapters other than Postgres's, leave
 * fields out or give them other types, and one odd node must never stop the rest.
 */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-empty string, else undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const object = (value: unknown): Json => (isObject(value) ? value : {});

/** When the last step of a result's `timing` completed (run_results and sources.json both carry one), if it says. */
export function lastCompletedAt(result: Json): string | undefined {
  const timing = Array.isArray(result.timing) ? result.timing.filter(isObject) : [];
  return timing.map((step) => text(step.completed_at)).findLast((at) => at !== undefined);
}
