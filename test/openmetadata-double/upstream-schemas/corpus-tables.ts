// Corpus cases for what a schema holds: tables (every column shape, and the ways to get one wrong) and stored
// procedures. They all live in the schema the container cases create.
import { label, type Body, type Case } from './corpus-case.js';

const schemaFqn = 'corpus_svc.corpus_db."sales.eu"';
const column = (name: string, dataType: string, extra: Body = {}) => ({ name, dataType, dataTypeDisplay: dataType.toLowerCase(), ...extra });
const table = (name: string, extra: Body = {}): Body => ({
  name,
  tableType: 'Regular',
  databaseSchema: schemaFqn,
  columns: [column('id', 'INT', { constraint: 'PRIMARY_KEY' })],
  ...extra,
});

export const TABLE_CASES: Case[] = [
  {
    label: 'table as the metadata workflow sends it',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: (ids) =>
      table('customers', {
        description: 'who buys',
        owner: { id: ids.user, type: 'user' },
        tags: [label('PostgresPolicyTags.rls_policy')],
        sourceHash: '0cc175b9c0f1b6a831c399e269772661',
        schemaDefinition: 'CREATE TABLE customers (id integer primary key)',
        columns: [column('id', 'INT', { constraint: 'PRIMARY_KEY', ordinalPosition: 1 })],
      }),
    verdict: 'both',
  },
  {
    label: 'table with every column shape',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: (ids) =>
      table('orders', {
        tableType: 'Partitioned',
        owner: { id: ids.team, type: 'team' },
        columns: [
          column('id', 'BIGINT', { constraint: 'NOT_NULL' }),
          column('customer_id', 'INT'),
          column('label', 'VARCHAR', { dataLength: 20, dataTypeDisplay: 'character varying(20)', description: 'free text' }),
          column('amount', 'NUMERIC', { precision: 12, scale: 2, dataTypeDisplay: 'numeric(12,2)' }),
          column('codes', 'ARRAY', { arrayDataType: 'INT', dataTypeDisplay: 'integer[]' }),
          column('payload', 'JSON', { tags: [label('PostgresPolicyTags.rls_policy')] }),
          column('created_at', 'TIMESTAMP', { dataTypeDisplay: 'timestamp without time zone' }),
          column('address', 'STRUCT', { children: [column('city', 'TEXT'), column('zip', 'CHAR', { dataLength: 5 })] }),
          column('raw', 'NULL', { dataTypeDisplay: 'citext' }),
        ],
        tableConstraints: [
          { constraintType: 'PRIMARY_KEY', columns: ['id', 'created_at'] },
          { constraintType: 'FOREIGN_KEY', columns: ['customer_id'], referredColumns: [`${schemaFqn}.customers.id`] },
          { constraintType: 'UNIQUE', columns: ['label', 'amount'] },
        ],
        tablePartition: { columns: [{ columnName: 'created_at', intervalType: 'TIME-UNIT' }] },
      }),
    verdict: 'both',
  },
  {
    label: 'materialized view',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('daily', { tableType: 'MaterializedView', schemaDefinition: 'create materialized view daily as select 1' }),
    verdict: 'both',
  },
  {
    label: 'table with an unknown dataType',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t1', { columns: [column('id', 'INTEGER')] }),
    verdict: 'neither',
  },
  {
    label: 'table with the tableType Stream (not in 1.4)',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t2', { tableType: 'Stream' }),
    verdict: 'neither',
  },
  {
    label: 'table without columns',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => ({ name: 't3', databaseSchema: schemaFqn }),
    verdict: 'neither',
  },
  {
    label: 'table with an extra property',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t4', { rowCount: 3 }),
    verdict: 'neither',
  },
  {
    label: 'table with `::` in a column name',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t5', { columns: [column('a::b', 'INT')] }),
    verdict: 'neither',
  },
  {
    label: 'table with a tag label lacking its source',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t6', { tags: [{ tagFQN: 'PostgresPolicyTags.rls_policy', labelType: 'Automated', state: 'Suggested' }] }),
    verdict: 'neither',
  },
  {
    label: 'table with dataLength as a string',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t7', { columns: [column('c', 'CHAR', { dataLength: '5' })] }),
    verdict: 'neither',
  },
  {
    label: 'table with a VARCHAR column without dataLength',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t8', { columns: [column('c', 'VARCHAR')] }),
    verdict: 'server',
  },
  {
    label: 'table whose constraint names a missing column',
    path: 'tables',
    schema: 'api/data/createTable.json',
    body: () => table('t9', { tableConstraints: [{ constraintType: 'UNIQUE', columns: ['nope'] }] }),
    verdict: 'server',
  },
  {
    label: 'stored procedure',
    path: 'storedProcedures',
    schema: 'api/data/createStoredProcedure.json',
    body: () => ({ name: 'refresh_all', databaseSchema: schemaFqn, storedProcedureCode: { language: 'SQL', code: 'begin perform 1; end' } }),
    verdict: 'both',
  },
  {
    label: 'stored procedure in an unknown language',
    path: 'storedProcedures',
    schema: 'api/data/createStoredProcedure.json',
    body: () => ({ name: 'p2', databaseSchema: schemaFqn, storedProcedureCode: { language: 'PLpgSQL', code: 'x' } }),
    verdict: 'neither',
  },
];
