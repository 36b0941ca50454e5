/** Shapes of the fixture expectations the tests assert against. */

export type FixtureRelationKind = 'regular' | 'partitioned' | 'foreign' | 'view' | 'materializedView';

export interface FixtureRelation {
  readonly name: string;
  readonly kind: FixtureRelationKind;
  /** Owner role when it is not the superuser that ran the fixture. */
  readonly owner?: string;
  /** Exact COMMENT ON text, when the fixture sets one. */
  readonly description?: string;
  /** For views and materialized views: the relations they read, as "schema.name". */
  readonly upstream?: readonly string[];
}

export interface FixtureSchema {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  /** Relations that ingestion must report as tables (partitions excluded). */
  readonly relations: readonly FixtureRelation[];
}

export type PartitionStrategy = 'RANGE' | 'LIST' | 'HASH';

export interface FixturePartitionedTable {
  readonly schema: string;
  readonly table: string;
  readonly strategy: PartitionStrategy;
  /** Partition key columns, in key order. */
  readonly columns: readonly string[];
  /** Direct partitions. */
  readonly partitions: readonly string[];
}

export interface FixtureColumnRef {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly string[];
}

export interface FixtureForeignKey {
  readonly name: string;
  readonly from: FixtureColumnRef;
  readonly to: FixtureColumnRef;
}

export interface FixtureKeyConstraint {
  readonly name: string;
  readonly schema: string;
  readonly table: string;
  readonly type: 'PRIMARY KEY' | 'UNIQUE';
  readonly columns: readonly string[];
}

export type FixtureRoutineKind = 'function' | 'procedure';

export interface FixtureRoutine {
  readonly schema: string;
  readonly name: string;
  readonly kind: FixtureRoutineKind;
  readonly language: 'sql' | 'plpgsql';
  /**
   * `pg_get_function_identity_arguments(oid)` output (tells overloads apart), as printed by
   * Postgres 11-13. From 14 on, procedure arguments are printed with their mode
   * ("IN p_before date"); `catalogFixtureExpectationsFor` applies that.
   */
  readonly identityArguments: string;
  readonly description?: string;
}

export interface FixturePolicySet {
  readonly schema: string;
  readonly table: string;
  readonly policies: readonly string[];
}

export interface FixtureTypeColumn {
  /** Column name in `public.type_showcase`. */
  readonly name: string;
  /** Type as written in CREATE TABLE. */
  readonly sqlType: string;
  /** `format_type(atttypid, atttypmod)` with the default search_path ("$user", public). */
  readonly formatType: string;
  /** Only created when the server major is >= minMajor. */
  readonly minMajor?: number;
}

export interface FixtureSpecialColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly minMajor?: number;
}

export interface FixtureColumnComment {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly description: string;
}

export interface CatalogFixtureExpectations {
  /** Non-superuser role that owns the `billing` schema and its tables (cluster-wide, created if missing). */
  readonly ownerRole: string;
  /** Schema holding the hstore / ltree / file_fdw extension objects (types and many functions, no tables). */
  readonly extensionSchema: string;
  readonly extensions: readonly string[];
  /** Every non-system schema present after the fixture ran (public, extension schema and empty schemas included). */
  readonly allSchemas: readonly string[];
  /** Schemas that hold relations, with the relations ingestion must report (views included). `public` is included. */
  readonly schemas: readonly FixtureSchema[];
  /** Schemas with no objects at all. */
  readonly emptySchemas: readonly string[];
  readonly partitionedTables: readonly FixturePartitionedTable[];
  /** Every partition (leaf or intermediate), per schema: these must NOT be ingested as tables. */
  readonly partitionChildren: Readonly<Record<string, readonly string[]>>;
  readonly primaryAndUniqueKeys: readonly FixtureKeyConstraint[];
  readonly foreignKeys: readonly FixtureForeignKey[];
  readonly routines: readonly FixtureRoutine[];
  /** Tables with ROW LEVEL SECURITY enabled, with their policy names. */
  readonly policies: readonly FixturePolicySet[];
  readonly typeShowcase: { readonly schema: string; readonly table: string; readonly columns: readonly FixtureTypeColumn[] };
  readonly identityColumns: readonly FixtureSpecialColumn[];
  /** STORED generated columns (Postgres >= 12) and VIRTUAL ones (>= 18). */
  readonly generatedColumns: readonly (FixtureSpecialColumn & { readonly storage: 'stored' | 'virtual' })[];
  readonly columnComments: readonly FixtureColumnComment[];
  /** The foreign server used by the foreign table. */
  readonly foreignServer: string;
  /** Names with dots, mixed case, reserved words, quotes, unicode and spaces. */
  readonly oddNames: {
    readonly schema: string;
    readonly tables: readonly string[];
    readonly columns: readonly string[];
    readonly view: string;
    readonly function: string;
    readonly policies: readonly string[];
  };
}
