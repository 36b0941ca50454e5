import type { PgType } from './pg-type.js';
import * as sql from './catalog-queries.js';
import type {
  ColumnDefaultRow,
  ExtensionMemberRow,
  ColumnRow,
  ConstraintRow,
  DatabaseRow,
  PolicyRow,
  RelationKind,
  RelationRow,
  RoutineRow,
  SchemaRow,
} from './catalog-rows.js';
import type { SourcePool } from './source-pool.js';

type Raw = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Runs the set-based catalog queries of one database and shapes their rows. */
export class CatalogReader {
  constructor(private readonly pool: SourcePool) {}

  async databases(): Promise<DatabaseRow[]> {
    const rows = await this.pool.query<Raw>(sql.DATABASES_SQL);
    return rows.map((r) => ({ name: String(r.name), description: str(r.description) }));
  }

  async currentDatabase(): Promise<DatabaseRow> {
    const [row] = await this.pool.query<Raw>(sql.CURRENT_DATABASE_SQL);
    return { name: String(row.name), description: str(row.description) };
  }

  async schemas(): Promise<SchemaRow[]> {
    const rows = await this.pool.query<Raw>(sql.SCHEMAS_SQL);
    return rows.map((r) => ({ oid: num(r.oid), name: String(r.name), description: str(r.description) }));
  }

  async relations(schemaOids: number[]): Promise<RelationRow[]> {
    const rows = await this.pool.query<Raw>(sql.RELATIONS_SQL, [schemaOids]);
    return rows.map((r) => ({
      oid: num(r.oid),
      schemaOid: num(r.schema_oid),
      name: String(r.name),
      kind: String(r.kind) as RelationKind,
      description: str(r.description),
      owner: String(r.owner),
      partitionStrategy: str(r.partition_strategy),
      partitionColumns: (r.partition_columns as string[] | null) ?? null,
      partitionKey: str(r.partition_key),
      persistence: String(r.persistence),
      foreignServer: str(r.foreign_server),
      foreignOptions: (r.foreign_options as string[] | null) ?? null,
    }));
  }

  async types(schemaOids: number[]): Promise<Map<number, PgType>> {
    const rows = await this.pool.query<Raw>(sql.TYPES_SQL, [schemaOids]);
    const types = new Map<number, PgType>();
    for (const r of rows) {
      types.set(num(r.oid), {
        oid: num(r.oid),
        name: String(r.name),
        schema: String(r.schema),
        kind: String(r.kind),
        category: String(r.category),
        element: num(r.element),
        baseType: num(r.base_type),
        baseTypmod: num(r.base_typmod),
        attributes: ((r.attributes as Array<[string, number, number, string]> | null) ?? []).map(([name, typeOid, typmod, display]) => ({
          name,
          typeOid: Number(typeOid),
          typmod: Number(typmod),
          display,
        })),
        shadowedByCatalog: r.shadowed === true,
        notNull: r.not_null === true,
      });
    }
    return types;
  }

  async columns(tableOids: number[]): Promise<ColumnRow[]> {
    const rows = await this.pool.query<Raw>(sql.columnsSql(this.pool.major), [tableOids]);
    return rows.map((r) => ({
      tableOid: num(r.table_oid),
      attnum: num(r.attnum),
      name: String(r.name),
      typeOid: num(r.type_oid),
      typmod: num(r.typmod),
      display: String(r.display),
      notNull: Boolean(r.not_null),
      description: str(r.description),
      identity: String(r.identity ?? ''),
      generated: String(r.generated ?? ''),
    }));
  }

  /** `generatedIn`: the tables with a generated column, whose expressions need the table opened. */
  async columnDefaults(tableOids: number[], generatedIn: number[]): Promise<ColumnDefaultRow[]> {
    const rows = await this.pool.query<Raw>(sql.COLUMN_DEFAULTS_SQL, [tableOids, generatedIn]);
    return rows.map((r) => ({ tableOid: num(r.table_oid), attnum: num(r.attnum), expression: String(r.expression) }));
  }

  async constraints(tableOids: number[]): Promise<ConstraintRow[]> {
    const rows = await this.pool.query<Raw>(sql.CONSTRAINTS_SQL, [tableOids]);
    return rows.map((r) => ({
      tableOid: num(r.table_oid),
      name: String(r.name),
      kind: String(r.kind) as ConstraintRow['kind'],
      definition: String(r.definition),
      columns: r.columns as string[],
      referredSchema: str(r.referred_schema),
      referredTable: str(r.referred_table),
      referredColumns: (r.referred_columns as string[] | null) ?? [],
    }));
  }

  async viewDefinitions(viewOids: number[]): Promise<Map<number, string>> {
    const rows = await this.pool.query<Raw>(sql.VIEW_DEFINITIONS_SQL, [viewOids]);
    return new Map(rows.map((r) => [num(r.oid), String(r.definition ?? '')]));
  }

  async policies(schemaOids: number[]): Promise<PolicyRow[]> {
    const rows = await this.pool.query<Raw>(sql.POLICIES_SQL, [schemaOids]);
    return rows.map((r) => ({ tableOid: num(r.table_oid), name: String(r.name) }));
  }

  async routines(schemaOids: number[]): Promise<RoutineRow[]> {
    const rows = await this.pool.query<Raw>(sql.ROUTINES_SQL, [schemaOids]);
    return rows.map((r) => ({
      oid: num(r.oid),
      schemaOid: num(r.schema_oid),
      name: String(r.name),
      kind: String(r.kind) as RoutineRow['kind'],
      arguments: String(r.arguments ?? ''),
      language: String(r.language),
      definition: String(r.definition ?? ''),
      description: str(r.description),
      owner: String(r.owner),
    }));
  }

  async extensionMembers(schemaOids: number[]): Promise<ExtensionMemberRow[]> {
    const rows = await this.pool.query<Raw>(sql.EXTENSION_MEMBERS_SQL, [schemaOids]);
    return rows.map((r) => ({
      schemaOid: num(r.schema_oid),
      kind: String(r.kind) as ExtensionMemberRow['kind'],
      name: String(r.name),
      arguments: String(r.arguments),
    }));
  }
}
