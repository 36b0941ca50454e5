/** SQL text helpers for the generated statements. */

export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `(ARRAY['a','b',...])[1 + (expr) % n]`: deterministic pick from a list. */
export function pick(values: readonly string[], expr: string): string {
  return `(ARRAY[${values.map(lit).join(', ')}])[1 + (${expr}) % ${values.length}]`;
}
