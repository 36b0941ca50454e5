/**
 * Python string literals for generated DAG files. JSON's string syntax is valid Python too, except that
 * Python would read `\u2028`-style escapes the same way, so JSON.stringify is exactly right here.
 */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

export function pyList(values: string[]): string {
  return `[${values.map(pyString).join(', ')}]`;
}
