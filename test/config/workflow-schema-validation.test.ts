// Our JSON Schemas (schemas/*.json) against workflow documents: they accept the workflow fixtures, reject typos and
// wrong shapes, and fill OpenMetadata's defaults.
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { describeErrors, fixtureFiles, makeAjv, readFixture, WORKFLOW_ID } from './workflow-schema-files.js';

type Schema = Record<string, any>;

const ajv = makeAjv();

function workflowValidator(): ValidateFunction {
  const validate = ajv.getSchema(WORKFLOW_ID);
  if (!validate) throw new Error(`${WORKFLOW_ID} not registered`);
  return validate;
}

/** Validates a copy (defaults are filled into it) and returns it with the errors. */
function check(doc: Schema): { doc: Schema; valid: boolean; errors: string[] } {
  const copy = structuredClone(doc);
  const validate = workflowValidator();
  const valid = validate(copy) as boolean;
  return { doc: copy, valid, errors: describeErrors(validate.errors) };
}

const server = {
  hostPort: 'http://localhost:8585/api',
  authProvider: 'openmetadata',
  securityConfig: { jwtToken: 'token' },
};

function minimalMetadata(): Schema {
  return {
    source: {
      type: 'postgres',
      serviceName: 'local_pg',
      serviceConnection: {
        config: { type: 'Postgres', username: 'u', authType: { password: 'p' }, hostPort: 'localhost:5432' },
      },
      sourceConfig: { config: { type: 'DatabaseMetadata', schemaFilterPattern: { includes: ['^public$'] } } },
    },
    sink: { type: 'metadata-rest', config: {} },
    workflowConfig: { openMetadataServerConfig: { ...server } },
  };
}

function hasAdditionalProperty(errors: string[], path: string, key: string): boolean {
  return errors.some((e) => e.startsWith(`${path} `) && e.includes(`"additionalProperty":"${key}"`));
}

describe('our workflow schemas', () => {
  it('has a fixture for every workflow', () => {
    expect(fixtureFiles).toEqual([
      'auto-classification.yaml',
      'dbt.yaml',
      'lineage.yaml',
      'metadata-newer-keys.yaml',
      'metadata-postgres.yaml',
      'profiler.yaml',
      'testsuite.yaml',
      'usage.yaml',
    ]);
  });

  it.each(fixtureFiles)('accepts fixture %s', (file) => {
    const result = check(readFixture<Schema>(file));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('rejects a misspelled sourceConfig key', () => {
    const doc = minimalMetadata();
    doc.source.sourceConfig.config.markDeletedTablez = false;
    const result = check(doc);
    expect(result.valid).toBe(false);
    expect(hasAdditionalProperty(result.errors, '/source/sourceConfig/config', 'markDeletedTablez')).toBe(true);
  });

  it('rejects misspelled keys at other levels', () => {
    const cases: Array<[(d: Schema) => void, string, string]> = [
      [(d) => (d.source.serviceConnection.config.hostport = 'x'), '/source/serviceConnection/config', 'hostport'],
      [(d) => (d.workflowConfig.openMetadataServerConfig.jwtToken = 'x'), '/workflowConfig/openMetadataServerConfig', 'jwtToken'],
      [(d) => (d.workflowConfig.logLevel = 'DEBUG'), '/workflowConfig', 'logLevel'],
      [(d) => (d.source.sourceConfig.config.schemaFilterPattern.include = ['x']), '/source/sourceConfig/config/schemaFilterPattern', 'include'],
      [(d) => (d.sinks = {}), '/', 'sinks'],
      [(d) => (d.source.serviceConnection.config.authType = { password: 'p', pasword: 'p' }), '/source/serviceConnection/config/authType', 'pasword'],
    ];
    for (const [mutate, path, key] of cases) {
      const doc = minimalMetadata();
      mutate(doc);
      const result = check(doc);
      expect(result.valid, key).toBe(false);
      expect(hasAdditionalProperty(result.errors, path, key), `${key}: ${result.errors.join('; ')}`).toBe(true);
    }
  });

  it('fills OpenMetadata defaults', () => {
    const { doc, valid, errors } = check(minimalMetadata());
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
    expect(doc.source.sourceConfig.config).toEqual({
      type: 'DatabaseMetadata',
      markDeletedTables: true,
      markDeletedStoredProcedures: true,
      markDeletedSchemas: false,
      markDeletedDatabases: false,
      includeTables: true,
      includeViews: true,
      includeTags: true,
      includeOwners: false,
      includeStoredProcedures: true,
      includeDDL: true,
      overrideMetadata: false,
      queryLogDuration: 1,
      queryParsingTimeoutLimit: 300,
      useFqnForFiltering: false,
      schemaFilterPattern: { includes: ['^public$'], excludes: [] },
      threads: 1,
    });
    expect(doc.source.serviceConnection.config).toMatchObject({
      type: 'Postgres',
      scheme: 'postgresql+psycopg2',
      ingestAllDatabases: false,
      sslMode: 'disable',
      classificationName: 'PostgresPolicyTags',
      queryStatementSource: 'pg_stat_statements',
      supportsMetadataExtraction: true,
    });
    expect(doc.source.serviceConnection.config.database).toBeUndefined();
    expect(doc.workflowConfig).toMatchObject({ loggerLevel: 'INFO', raiseOnError: true, successThreshold: 90 });
    expect(doc.workflowConfig.openMetadataServerConfig).toMatchObject({
      verifySSL: 'no-ssl',
      apiVersion: 'v1',
      enableVersionValidation: true,
      storeServiceConnection: true,
      forceEntityOverwriting: false,
      secretsManagerProvider: 'db',
      secretsManagerLoader: 'noop',
      limitRecords: 1000,
    });
  });

  it('fills defaults of an optional nested object only when it is present', () => {
    const doc = minimalMetadata();
    doc.source.sourceConfig.config.incremental = { enabled: true };
    doc.airflowConfig = { scheduleInterval: '0 2 * * *' };
    const result = check(doc);
    expect(result.errors).toEqual([]);
    expect(result.doc.source.sourceConfig.config.incremental).toEqual({ enabled: true, lookbackDays: 7, safetyMarginDays: 1 });
    expect(result.doc.airflowConfig).toEqual({
      scheduleInterval: '0 2 * * *',
      retries: 0,
      retryDelay: 300,
      maxActiveRuns: 1,
      pausePipeline: false,
      pipelineCatchup: false,
      concurrency: 1,
      pipelineTimezone: 'UTC',
    });
    const bare = check(minimalMetadata());
    expect(bare.doc.airflowConfig).toBeUndefined();
    expect(bare.doc.source.sourceConfig.config.incremental).toBeUndefined();
  });

  it("fills the other pipelines' defaults", () => {
    const usage = check(readFixture<Schema>('usage.yaml')).doc.source.sourceConfig.config;
    expect(usage).toMatchObject({ stageFileLocation: '/tmp/query_log', resultLimit: 1000 });
    const lineage = check(readFixture<Schema>('lineage.yaml')).doc.source.sourceConfig.config;
    expect(lineage).toMatchObject({ resultLimit: 10000, processViewLineage: true, processQueryLineage: true, threads: 1 });
    const profiler = check(readFixture<Schema>('profiler.yaml')).doc.source.sourceConfig.config;
    expect(profiler).toMatchObject({ includeViews: true, computeMetrics: true, sampleDataCount: 50, profileSample: 50 });
    const testSuite = check(readFixture<Schema>('testsuite.yaml')).doc.source.sourceConfig.config;
    expect(testSuite).toMatchObject({ profileSample: null, profileSampleType: 'PERCENTAGE' });
    const dbt = check(readFixture<Schema>('dbt.yaml')).doc.source.sourceConfig.config;
    expect(dbt).toMatchObject({ parsingTimeoutLimit: 300, searchAcrossDatabases: false, dbtUpdateOwners: false });
  });

  it('chooses the pipeline schema by sourceConfig.config.type', () => {
    const unknown = minimalMetadata();
    unknown.source.sourceConfig.config.type = 'DatabaseMetadataX';
    const r1 = check(unknown);
    expect(r1.valid).toBe(false);
    expect(r1.errors.join('\n')).toContain('"tag":"type"');

    const missing = minimalMetadata();
    delete missing.source.sourceConfig.config.type;
    expect(check(missing).valid).toBe(false);

    // A key of another pipeline is rejected by the selected one.
    const crossed = minimalMetadata();
    crossed.source.sourceConfig.config.resultLimit = 10;
    const r3 = check(crossed);
    expect(hasAdditionalProperty(r3.errors, '/source/sourceConfig/config', 'resultLimit')).toBe(true);
  });

  it('applies the Postgres connection schema to postgres sources only (case-insensitively)', () => {
    for (const type of ['postgres', 'Postgres', 'postgres-usage', 'POSTGRES-LINEAGE']) {
      const doc = minimalMetadata();
      doc.source.type = type;
      doc.source.serviceConnection.config.bogus = 1;
      const result = check(doc);
      expect(hasAdditionalProperty(result.errors, '/source/serviceConnection/config', 'bogus'), type).toBe(true);
    }
    const suite = readFixture<Schema>('testsuite.yaml');
    suite.source.serviceConnection = { config: { type: 'Mysql', anything: { goes: true } } };
    expect(check(suite).errors).toEqual([]);
  });

  it('checks Postgres connection shapes', () => {
    const withConn = (conn: Schema): ReturnType<typeof check> => {
      const doc = minimalMetadata();
      doc.source.serviceConnection.config = { type: 'Postgres', username: 'u', hostPort: 'h:5432', ...conn };
      return check(doc);
    };
    expect(withConn({ password: 'old-style' }).valid).toBe(true);
    expect(withConn({ authType: { password: 'p', awsConfig: {} } }).valid).toBe(false);
    expect(withConn({ authType: { awsConfig: { awsRegion: 'eu-west-1' } } }).valid).toBe(true);
    expect(withConn({ sslMode: 'verify-everything' }).valid).toBe(false);
    expect(withConn({ connectionArguments: { sslmode: 'require', keepalives: 1, options: { a: 'b' } } }).valid).toBe(true);
    expect(withConn({ connectionOptions: { nested: { a: 1 } } }).valid).toBe(false);
    const noHost = minimalMetadata();
    delete noHost.source.serviceConnection.config.hostPort;
    expect(check(noHost).valid).toBe(false);
  });

  it('checks step configs', () => {
    const usage = readFixture<Schema>('usage.yaml');
    usage.stage.config.fileName = '/tmp/x';
    expect(hasAdditionalProperty(check(usage).errors, '/stage/config', 'fileName')).toBe(true);
    const bulk = readFixture<Schema>('usage.yaml');
    bulk.bulkSink.config = {};
    expect(check(bulk).valid).toBe(false);
    const noServer = minimalMetadata();
    noServer.workflowConfig = {};
    expect(check(noServer).valid).toBe(false);
    const threshold = minimalMetadata();
    threshold.workflowConfig.successThreshold = 101;
    expect(check(threshold).valid).toBe(false);
  });

  it('checks dbt sources by dbtConfigType', () => {
    const withSource = (src: Schema): ReturnType<typeof check> => {
      const doc = readFixture<Schema>('dbt.yaml');
      doc.source.sourceConfig.config.dbtConfigSource = src;
      return check(doc);
    };
    const cloud = withSource({ dbtConfigType: 'cloud', dbtCloudAuthToken: 't', dbtCloudAccountId: '1' });
    expect(cloud.errors).toEqual([]);
    expect(cloud.doc.source.sourceConfig.config.dbtConfigSource.dbtCloudUrl).toBe('https://cloud.getdbt.com');
    expect(withSource({ dbtConfigType: 's3', dbtPrefixConfig: { dbtBucketName: 'b' } }).valid).toBe(false);
    expect(withSource({ dbtConfigType: 'gcs', dbtSecurityConfig: {}, dbtPrefixConfig: { dbtBucketName: 'b' } }).valid).toBe(true);
    expect(withSource({ dbtConfigType: 'local', dbtManifestHttpPath: 'x' }).valid).toBe(false);
    expect(withSource({ dbtConfigType: 'ftp' }).valid).toBe(false);
    expect(
      withSource({ dbtConfigType: 'http', dbtManifestHttpPath: 'https://x/manifest.json', dbtSourcesHttpPath: 'https://x/sources.json' }).valid,
    ).toBe(true);
  });

  it('accepts a pipelineRunId in the forms Python uuid.UUID parses', () => {
    for (const id of [
      '6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11',
      '6F1C1C7E8A0F4D8F9D6E2B1A6F0F2C11',
      '{6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11}',
      'urn:uuid:6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11',
    ]) {
      const doc = minimalMetadata();
      doc.pipelineRunId = id;
      expect(check(doc).valid, id).toBe(true);
    }
    for (const id of ['run-1', 'scheduled__2024-01-01T00:00:00+00:00', '6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c1']) {
      const doc = minimalMetadata();
      doc.pipelineRunId = id;
      expect(check(doc).valid, id).toBe(false);
    }
  });
});
