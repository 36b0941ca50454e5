// Whatever the double accepts from this corpus must also pass OpenMetadata's own 1.4 JSON Schemas, and whatever those
// schemas refuse the double must refuse too. Runs only where the reference copy exists (../shared/reference, from the
// repository root; see its README): a fresh clone without it skips.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient, type ApiClient } from '../support/openmetadata-double/test-client.js';

type Body = Record<string, unknown>;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const specDir = join(repoRoot, '..', 'shared', 'reference', 'openmetadata-spec');
const OM = 'https://open-metadata.org/schema/';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

function loadUpstream(): (ref: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats OpenMetadata's files use that ajv-formats does not define (see the reference README).
  for (const format of ['utc-millisec', 'autoComplete', 'URI', 'string']) ajv.addFormat(format, true);
  for (const file of jsonFiles(specDir)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Body;
    schema.$id = OM + relative(specDir, file).split('\\').join('/');
    ajv.addSchema(schema);
  }
  return (ref) => {
    const validate = ajv.getSchema(OM + ref);
    if (!validate) throw new Error(`upstream schema ${ref} missing`);
    return validate;
  };
}

/** One request of the corpus: where it goes, the upstream schema of its body, and what both should make of it. */
interface Case {
  label: string;
  path: string;
  schema: string;
  body: (ids: Ids) => Body;
  /** 'both': both accept; 'neither': both refuse; 'server': upstream schema accepts, the server refuses in code. */
  verdict: 'both' | 'neither' | 'server';
}

interface Ids {
  user: string;
  team: string;
  service: string;
}

const label = (tagFQN: string) => ({ tagFQN, source: 'Classification', labelType: 'Automated', state: 'Suggested' });
const schemaFqn = 'corpus_svc.corpus_db."sales.eu"';
const postgres = { type: 'Postgres', username: 'om', authType: { password: 'pw' }, hostPort: 'pg:5432', database: 'postgres', sslMode: 'disable' };
const column = (name: string, dataType: string, extra: Body = {}) => ({ name, dataType, dataTypeDisplay: dataType.toLowerCase(), ...extra });
const table = (name: string, extra: Body = {}): Body => ({
  name,
  tableType: 'Regular',
  databaseSchema: schemaFqn,
  columns: [column('id', 'INT', { constraint: 'PRIMARY_KEY' })],
  ...extra,
});
const runId = randomUUID();

const CORPUS: Case[] = [
  {
    label: 'Postgres service',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'corpus_svc', serviceType: 'Postgres', description: 'corpus', connection: { config: postgres } }),
    verdict: 'both',
  },
  {
    label: 'service with a misspelled connection key',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'bad_svc', serviceType: 'Postgres', connection: { config: { ...postgres, hostport: 'x' } } }),
    verdict: 'neither',
  },
  {
    label: 'service with a lower-case serviceType',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'bad_svc', serviceType: 'postgres' }),
    verdict: 'neither',
  },
  {
    label: 'classification',
    path: 'classifications',
    schema: 'api/classification/createClassification.json',
    body: () => ({ name: 'PostgresPolicyTags', description: 'Postgres Tag Name' }),
    verdict: 'both',
  },
  {
    label: 'classification without description',
    path: 'classifications',
    schema: 'api/classification/createClassification.json',
    body: () => ({ name: 'NoDescription' }),
    verdict: 'neither',
  },
  {
    label: 'tag',
    path: 'tags',
    schema: 'api/classification/createTag.json',
    body: () => ({ name: 'rls_policy', classification: 'PostgresPolicyTags', description: 'Postgres Tag Value' }),
    verdict: 'both',
  },
  {
    label: 'database',
    path: 'databases',
    schema: 'api/data/createDatabase.json',
    body: () => ({ name: 'corpus_db', service: 'corpus_svc', sourceHash: 'd41d8cd98f00b204e9800998ecf8427e' }),
    verdict: 'both',
  },
  {
    label: 'database with owners (a newer release key)',
    path: 'databases',
    schema: 'api/data/createDatabase.json',
    body: (ids) => ({ name: 'db2', service: 'corpus_svc', owners: [{ id: ids.user, type: 'user' }] }),
    verdict: 'neither',
  },
  {
    label: 'schema with a dot in its name and a source URL',
    path: 'databaseSchemas',
    schema: 'api/data/createDatabaseSchema.json',
    body: () => ({ name: 'sales.eu', database: 'corpus_svc.corpus_db', sourceUrl: 'https://pg.example.com/sales.eu', tags: [label('PostgresPolicyTags.rls_policy')] }),
    verdict: 'both',
  },
  {
    label: 'schema with a malformed source URL',
    path: 'databaseSchemas',
    schema: 'api/data/createDatabaseSchema.json',
    body: () => ({ name: 'other', database: 'corpus_svc.corpus_db', sourceUrl: 'not a url' }),
    verdict: 'neither',
  },
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
  {
    label: 'metadata ingestion pipeline',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'corpus_metadata',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: {
        config: { type: 'DatabaseMetadata', markDeletedTables: true, includeViews: true, schemaFilterPattern: { includes: ['^sales'], excludes: [] } },
      },
      airflowConfig: { scheduleInterval: '0 3 * * *', startDate: '2024-01-01T00:00:00Z', retries: 2 },
      loggerLevel: 'DEBUG',
    }),
    verdict: 'both',
  },
  {
    label: 'usage ingestion pipeline',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'corpus_usage',
      pipelineType: 'usage',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseUsage', queryLogDuration: 1, resultLimit: 1000 } },
      airflowConfig: {},
    }),
    verdict: 'both',
  },
  {
    label: 'pipeline with a misspelled sourceConfig key',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'bad_pipeline',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseMetadata', markDeletedTablez: true } },
      airflowConfig: {},
    }),
    verdict: 'neither',
  },
  {
    label: 'pipeline with an unknown airflowConfig key',
    path: 'services/ingestionPipelines',
    schema: 'api/services/ingestionPipelines/createIngestionPipeline.json',
    body: (ids) => ({
      name: 'bad_pipeline',
      pipelineType: 'metadata',
      service: { id: ids.service, type: 'databaseService' },
      sourceConfig: { config: { type: 'DatabaseMetadata' } },
      airflowConfig: { schedule: '@daily' },
    }),
    verdict: 'neither',
  },
  {
    label: 'pipeline status at start',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'running', startDate: 1_716_000_000_000, timestamp: 1_716_000_000_000 }),
    verdict: 'both',
  },
  {
    label: 'pipeline status at the end',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({
      runId,
      pipelineState: 'partialSuccess',
      startDate: 1_716_000_000_000,
      timestamp: 1_716_000_000_000,
      endDate: 1_716_000_090_000,
      status: [
        { name: 'Postgres', records: 10, updated_records: 0, warnings: 0, errors: 1, filtered: 2, failures: [{ name: 'x', error: 'y', stackTrace: 'z' }] },
        { name: 'OpenMetadata', records: 9, updated_records: 1, warnings: 0, errors: 0, filtered: 0, failures: [] },
      ],
    }),
    verdict: 'both',
  },
  {
    label: 'pipeline status with an unknown state',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'done', timestamp: 1 }),
    verdict: 'neither',
  },
  {
    label: 'pipeline status with an unknown step key',
    path: 'services/ingestionPipelines/corpus_svc.corpus_metadata/pipelineStatus',
    schema: 'entity/services/ingestionPipelines/ingestionPipeline.json#/definitions/pipelineStatus',
    body: () => ({ runId, pipelineState: 'failed', timestamp: 1, status: [{ name: 'Postgres', skipped: 1 }] }),
    verdict: 'neither',
  },
];

describe.skipIf(!existsSync(specDir))('the double against OpenMetadata 1.4 schemas', () => {
  let om: OpenMetadataDouble;
  let api: ApiClient;
  let upstream: (ref: string) => ValidateFunction;
  const ids: Ids = { user: '', team: '', service: '' };

  beforeAll(async () => {
    upstream = loadUpstream();
    om = await startOpenMetadataDouble();
    api = apiClient(om.baseUrl);
    ids.user = String(om.addUser('alice').id);
    ids.team = String(om.addTeam('data-platform').id);
  });
  afterAll(() => om.stop());

  it.each(CORPUS.map((c) => [c.label, c] as const))('%s', async (_label, corpusCase) => {
    if (corpusCase.path !== 'services/databaseServices' && ids.service === '') {
      ids.service = String(om.get('databaseService', 'corpus_svc')?.id ?? randomUUID());
    }
    const body = corpusCase.body(ids);
    const validate = upstream(corpusCase.schema);
    const upstreamValid = validate(structuredClone(body));
    const answer = await api.put(corpusCase.path, body);
    const accepted = answer.status >= 200 && answer.status < 300;
    const detail = JSON.stringify({ double: answer.body, upstream: validate.errors?.slice(0, 3) });

    if (accepted) expect(upstreamValid, `the double accepted what OpenMetadata's schema refuses: ${detail}`).toBe(true);
    if (!upstreamValid) expect(answer.status, `the double must refuse what OpenMetadata's schema refuses: ${detail}`).toBe(400);
    expect({ accepted, upstreamValid }, detail).toEqual({
      accepted: corpusCase.verdict === 'both',
      upstreamValid: corpusCase.verdict !== 'neither',
    });
  });
});
