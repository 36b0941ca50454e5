/**
 * Column sources are sets of keys of base columns. A key joins schema, table and column with a separator no
 * identifier can hold, so keys compare as strings and never collide.
 */
export type ColumnKey = string;
const SEPARATOR = '\u0000';

export const columnKey = (schema: string, table: string, column: string): ColumnKey => `${schema}${SEPARATOR}${table}${SEPARATOR}${column}`;

export function splitColumnKey(key: ColumnKey): { schema: string; table: string; column: string } {
  const [schema = '', table = '', column = ''] = key.split(SEPARATOR);
  return { schema, table, column };
}

export const EMPTY: ReadonlySet<ColumnKey> = new Set();

export function union(...sets: ReadonlyArray<ReadonlySet<ColumnKey> | undefined>): Set<ColumnKey> {
  const result = new Set<ColumnKey>();
  for (const set of sets) if (set) for (const key of set) result.add(key);
  return result;
}

/** A column a FROM item or a query offers: its name and the base columns its values come from. */
export interface OutputColumn {
  name: string;
  sources: ReadonlySet<ColumnKey>;
}

/**
 * Something in FROM: a table, a CTE, a subquery, a function's result set, a join with an alias. `columns` is
 * undefined when they are not known by name (an unresolved table, a function without a column list): every name
 * asked of it then resolves to `opaque`.
 */
export interface FromItem {
  /** The name a reference qualifies columns with: the alias, else the relation's own name. */
  refName?: string;
  /** The relation's schema, when it is referenced without an alias (`schema.table.column` then resolves). */
  schema?: string;
  columns?: readonly OutputColumn[];
  opaque?: ReadonlySet<ColumnKey>;
}

/**
 * What `SELECT *` yields from a FROM item or a whole FROM list, worked out only when a star asks (most statements have
 * none, and building the lists for every join is most of an analysis's garbage). Undefined: columns not known.
 */
export type Star = () => readonly OutputColumn[] | undefined;

/** A star of columns already known. */
export const starOf =
  (columns: readonly OutputColumn[] | undefined): Star =>
  () =>
    columns;

/** Works `compute` out once, on first use. */
export function lazyStar(compute: () => readonly OutputColumn[] | undefined): Star {
  let done = false;
  let value: readonly OutputColumn[] | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** Stars one after another (a FROM list); unknown as soon as one part is. */
export function concatStars(parts: readonly Star[]): Star {
  return lazyStar(() => {
    const columns: OutputColumn[] = [];
    for (const part of parts) {
      const more = part();
      if (!more) return undefined;
      columns.push(...more);
    }
    return columns;
  });
}

/** The FROM items visible at one query level, and the level around it (correlated subqueries, LATERAL). */
export class Scope {
  /** Columns merged by JOIN … USING or NATURAL JOIN: an unqualified name means the merged one. */
  readonly merged = new Map<string, ReadonlySet<ColumnKey>>();

  constructor(
    readonly items: FromItem[],
    readonly parent?: Scope,
    /** What `SELECT *` yields here, in order. */
    public star: Star = starOf([]),
  ) {}

  /** The sources of a column reference (`c`, `t.c`, `s.t.c`, `t.*`), or undefined if no level knows it. */
  lookup(fields: readonly string[]): ReadonlySet<ColumnKey> | undefined {
    return this.lookupHere(fields) ?? this.parent?.lookup(fields);
  }

  private lookupHere(fields: readonly string[]): ReadonlySet<ColumnKey> | undefined {
    const column = fields[fields.length - 1] ?? '';
    if (fields.length === 1) {
      const merged = this.merged.get(column);
      if (merged) return merged;
      const matches = this.items.flatMap((item) => item.columns?.filter((c) => c.name === column) ?? []);
      if (matches.length > 0) return union(...matches.map((c) => c.sources));
      const opaque = this.items.filter((item) => !item.columns);
      return opaque.length > 0 ? union(...opaque.map((item) => item.opaque)) : undefined;
    }
    const table = fields[fields.length - 2];
    const schema = fields.length >= 3 ? fields[fields.length - 3] : undefined;
    const item = this.items.find((candidate) => candidate.refName === table && (schema === undefined || candidate.schema === schema));
    if (!item) return undefined;
    if (!item.columns) return item.opaque ?? EMPTY;
    if (column === '*') return union(...item.columns.map((c) => c.sources));
    const match = item.columns.find((c) => c.name === column);
    return match?.sources ?? EMPTY;
  }

  /** The columns `t.*` expands to, or undefined when they are not known. */
  starOf(table: string, schema?: string): readonly OutputColumn[] | undefined {
    const item = this.items.find((candidate) => candidate.refName === table && (schema === undefined || candidate.schema === schema));
    return item ? item.columns : this.parent?.starOf(table, schema);
  }
}
