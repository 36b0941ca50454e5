/** One row of pg_type, as the catalog reader loads the types that user columns use. */
export interface PgType {
  oid: number;
  name: string;
  schema: string;
  /** typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  kind: string;
  /** typcategory: A array, B boolean, D date/time, G geometric, N numeric, S string, U user-defined, ... */
  category: string;
  element: number;
  baseType: number;
  baseTypmod: number;
  /** A composite type's attributes in order (empty for other kinds). */
  attributes: PgAttribute[];
  /** A domain declared NOT NULL: its columns hold no nulls whatever their own attnotnull says. */
  notNull?: boolean;
  /** A type of pg_catalog has the same name, so even the default search_path shows this one qualified. */
  shadowedByCatalog?: boolean;
}

export interface PgAttribute {
  name: string;
  typeOid: number;
  typmod: number;
  /** format_type, as a column's dataTypeDisplay. */
  display: string;
}

export type TypeDictionary = ReadonlyMap<number, PgType>;
