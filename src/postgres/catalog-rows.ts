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
}

export interface ColumnRow {
  tableOid: number;
  name: string;
  typeOid: number;
  typmod: number;
  display: string;
  notNull: boolean;
  description: string | null;
}

export interface ConstraintRow {
  tableOid: number;
  name: string;
  kind: 'p' | 'u' | 'f';
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
