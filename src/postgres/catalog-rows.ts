/** What the catalog reader returns: plain rows, oids as numbers, names exactly as Postgres stores them. */

export interface DatabaseRow {
  name: string;
  description: string | null;
}

export interface SchemaRow {
  oid: number;
  name: string;
  description: string | null;
}

/** pg_class.relkind of the relations the metadata workflow reads. */
export type RelationKind = 'r' | 'p' | 'f' | 'v' | 'm';

export interface RelationRow {
  oid: number;
  schemaOid: number;
  name: string;
  kind: RelationKind;
  description: string | null;
  owner: string;
  /** pg_partitioned_table.partstrat: h hash, l list, r range. */
  partitionStrategy: string | null;
  /** Key column names in key order; '' for an expression key. */
  partitionColumns: string[] | null;
  /** pg_get_partkeydef: `RANGE (created_at)`, for the table's DDL. */
  partitionKey: string | null;
  /** pg_class.relpersistence: p permanent, u unlogged. */
  persistence: string;
  /** The foreign server of a foreign table, and its options as `name=value`. */
  foreignServer: string | null;
  foreignOptions: string[] | null;
}

export interface ColumnRow {
  tableOid: number;
  attnum: number;
  name: string;
  typeOid: number;
  typmod: number;
  display: string;
  notNull: boolean;
  description: string | null;
  /** pg_attribute.attidentity: a ALWAYS, d BY DEFAULT, '' none. */
  identity: string;
  /** pg_attribute.attgenerated: s STORED, v VIRTUAL (Postgres 18), '' none (always '' before Postgres 12). */
  generated: string;
}

/** A column's default or generation expression as pg_get_expr prints it. */
export interface ColumnDefaultRow {
  tableOid: number;
  attnum: number;
  expression: string;
}

export interface ConstraintRow {
  tableOid: number;
  name: string;
  /** Primary key, unique, foreign key; check and exclusion constraints only matter to the DDL. */
  kind: 'p' | 'u' | 'f' | 'c' | 'x';
  /** pg_get_constraintdef: `PRIMARY KEY (id)`, `CHECK (price > 0)`, ... */
  definition: string;
  columns: string[];
  referredSchema: string | null;
  referredTable: string | null;
  referredColumns: string[];
}

export interface PolicyRow {
  tableOid: number;
  name: string;
}

export interface RoutineRow {
  oid: number;
  schemaOid: number;
  name: string;
  kind: 'f' | 'p';
  arguments: string;
  language: string;
  definition: string;
  description: string | null;
  owner: string;
}

/** Something an extension owns: skipped by the workflow, but present in the database. */
export interface ExtensionMemberRow {
  schemaOid: number;
  kind: 'relation' | 'routine';
  name: string;
  /** A routine's identity arguments, '' for a relation. */
  arguments: string;
}
