/**
 * OpenMetadata's fully qualified names: parts joined by `.`, a part that contains a dot wrapped in double quotes.
 * A part may not contain a double quote; OpenMetadata's ingestion stores table and column names with `"`, `::` and
 * `>` replaced by reserved words instead, and we do the same so both tools produce identical FQNs.
 */

export class InvalidNameError extends Error {
  constructor(
    readonly entityName: string,
    message = `invalid name ${JSON.stringify(entityName)}: OpenMetadata names cannot contain a double quote`,
  ) {
    super(message);
    this.name = 'InvalidNameError';
  }
}

/** Line terminators of Java's regular expressions: `.` in OpenMetadata's name pattern `^((?!::).)*$` stops at them. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;

/**
 * Refuses, before anything is sent or written, a name the server would refuse: one holding a line break. `what` says
 * which kind of name it is (column, table, ...), so the failure names the culprit even when it is a column.
 */
export function assertAcceptedName(name: string, what: string): void {
  if (LINE_BREAK.test(name)) throw new InvalidNameError(name, `${what} ${JSON.stringify(name)}: OpenMetadata refuses a line break in a name`);
}

const RESERVED: ReadonlyArray<[RegExp, string]> = [
  [/::/g, '__reserved__colon__'],
  [/>/g, '__reserved__arrow__'],
  [/"/g, '__reserved__quote__'],
];

/** The stored form of a table or column name (OpenMetadata's `replace_separators`). */
export function encodeReservedSeparators(name: string): string {
  let out = name;
  for (const [pattern, word] of RESERVED) out = out.replace(pattern, word);
  return out;
}

export function quoteName(name: string): string {
  const alreadyQuoted = /^"([^"]+)"$/.exec(name);
  if (alreadyQuoted) return alreadyQuoted[1].includes('.') ? name : alreadyQuoted[1];
  if (name.includes('"')) throw new InvalidNameError(name);
  return name.includes('.') ? `"${name}"` : name;
}

/**
 * The stored form of a database or schema name: `::`, which OpenMetadata's name pattern refuses, as its reserved
 * word, so every name Postgres allows reaches the server. (A double quote stays refused there, as OpenMetadata's own
 * FQN builder refuses it in database and schema names.) Table, column and routine names are encoded whole by
 * encodeReservedSeparators.
 */
export function encodeNameColons(name: string): string {
  return name.replace(RESERVED[0][0], RESERVED[0][1]);
}

export function buildFqn(...parts: string[]): string {
  return parts.map((part) => quoteName(encodeNameColons(part))).join('.');
}

/** Splits an FQN honouring quoted parts; the inverse of buildFqn. */
export function splitFqn(fqn: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const ch of fqn) {
    if (ch === '"') {
      inQuotes = !inQuotes;
      current += ch;
    } else if (ch === '.' && !inQuotes) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => (/^".*"$/.test(p) ? p.slice(1, -1) : p));
}

/** An FQN for messages, even for a name OpenMetadata would refuse. */
export function readableFqn(...parts: string[]): string {
  try {
    return buildFqn(...parts);
  } catch {
    return parts.join('.');
  }
}
