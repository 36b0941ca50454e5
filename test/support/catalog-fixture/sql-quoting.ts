/** Identifier and literal quoting for the fixture SQL. */

export function qi(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qn(schema: string, name: string): string {
  return `${qi(schema)}.${qi(name)}`;
}

export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
