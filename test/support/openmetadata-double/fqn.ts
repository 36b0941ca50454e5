/**
 * OpenMetadata's fully qualified names (FullyQualifiedName.java): parts joined by `.`; a part containing a dot is
 * wrapped in double quotes; a part already quoted without a dot inside is unquoted; any other `"` is an invalid name.
 */
import { badRequest } from './types.js';

export function quoteName(name: string): string {
  const quoted = /^"([^"]+)"$/.exec(name);
  if (quoted) return quoted[1].includes('.') ? name : quoted[1];
  if (name.includes('"')) throw badRequest(`Invalid name ${name}`);
  return name.includes('.') ? `"${name}"` : name;
}

/** `prefix.quoteName(name)`, as FullyQualifiedName.add. */
export function addToFqn(prefix: string, name: string): string {
  return `${prefix}.${quoteName(name)}`;
}

/** Splits on dots outside double quotes; quoted parts keep their quotes (OpenMetadata hashes them that way). */
export function splitFqn(fqn: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const ch of fqn) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === '.' && !inQuotes) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** True when `fqn` lies strictly below `prefix`, compared part by part (OpenMetadata's `fqnHash LIKE 'prefix.%'`). */
export function isBelow(fqn: string, prefix: string): boolean {
  const balanced = (prefix.match(/"/g)?.length ?? 0) % 2 === 0;
  if (balanced) return fqn.startsWith(`${prefix}.`);
  const parts = splitFqn(fqn);
  const prefixParts = splitFqn(prefix);
  return parts.length > prefixParts.length && prefixParts.every((part, i) => parts[i] === part);
}
