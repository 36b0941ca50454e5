/**
 * Names with dots, mixed case, reserved words, quotes, unicode and spaces, and the tables that use them.
 * Most are created first because sales.shipments references "my.table"; "Mixed Case" references
 * sales.customers, so it comes after the sales tables.
 */
import { qi, qn } from './sql-quoting.js';

export const ODD_SCHEMA = 'Odd.Schema';
export const ODD = {
  myTable: 'my.table',
  mixedCase: 'Mixed Case',
  select: 'select',
  quote: 'quo"te',
  unicode: 'ünïcödé_表',
  withSpace: 'with space',
} as const;
export const ODD_COL = {
  displayName: 'Display.Name',
  camel: 'CustomerRef',
  from: 'from',
  order: 'order',
  user: 'user',
  quoted: 'say "hi"',
  unicodeName: '名前',
  unicodeSize: 'größe_cm',
  firstName: 'first name',
  lastName: 'last name',
  quoteRef: 'quo"te.id',
} as const;
export const ODD_VIEW = 'Mixed Case View';
export const ODD_FUNCTION = 'calc.Total';

/** A quoted "Odd.Schema".table name. */
export const odd = (table: string): string => qn(ODD_SCHEMA, table);
/** A quoted column name. */
export const oc = (column: string): string => qi(column);

export function oddNameTables(): string[] {
  return [
    `CREATE TABLE ${odd(ODD.myTable)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.displayName)} text NOT NULL,
  tracking_url text
)`,
    `CREATE TABLE ${odd(ODD.quote)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.quoted)} text DEFAULT 'it''s "quoted"'
)`,
    `CREATE TABLE ${odd(ODD.unicode)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.unicodeName)} text NOT NULL,
  ${oc(ODD_COL.unicodeSize)} numeric(6,1)
)`,
    `CREATE TABLE ${odd(ODD.withSpace)} (
  id integer PRIMARY KEY,
  ${oc(ODD_COL.firstName)} text,
  ${oc(ODD_COL.lastName)} text,
  ${oc(ODD_COL.quoteRef)} integer CONSTRAINT ${qi('with space_quo"te.id_fkey')} REFERENCES ${odd(ODD.quote)} (id)
)`,
    `CREATE TABLE ${odd(ODD.select)} (
  ${oc(ODD_COL.order)} integer PRIMARY KEY,
  ${oc(ODD_COL.from)} date NOT NULL,
  ${oc(ODD_COL.user)} text NOT NULL DEFAULT current_user,
  CONSTRAINT select_from_user_key UNIQUE (${oc(ODD_COL.from)}, ${oc(ODD_COL.user)})
)`,
  ];
}

export function oddNameTablesReferencingSales(): string[] {
  return [
    `CREATE TABLE ${odd(ODD.mixedCase)} (
  ${oc('Id')} integer PRIMARY KEY,
  ${oc(ODD_COL.camel)} bigint CONSTRAINT ${qi('Mixed Case_CustomerRef_fkey')} REFERENCES sales.customers (customer_id),
  ${oc('UPPER_NOTE')} text
)`,
  ];
}
