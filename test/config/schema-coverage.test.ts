// Our JSON Schemas (schemas/*.json): they compile, accept the workflow fixtures, reject typos, fill defaults, and
// (when OpenMetadata's 1.4 schemas are checked out next to the repo) cover every key and default OpenMetadata declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

type Schema = Record<string, any>;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const schemaDir = join(repoRoot, 'schemas');
const fixtureDir = join(repoRoot, 'test', 'fixtures', 'workflows');
const omSpecDir = resolve(repoRoot, '..', 'shared', 'reference', 'openmetadata-spec');
const ID_BASE = 'https://omgen.dev/schemas/';
const WORKFLOW_ID = `${ID_BASE}workflow.json`;

const schemaFiles = readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort();
const fixtureFiles = readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).sort();

function readJson(path: string): Schema {
  return JSON.parse(readFileSync(path, 'utf8')) as Schema;
}

function readFixture(name: string): Schema {
  return load(readFileSync(join(fixtureDir, name), 'utf8')) as Schema;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, useDefaults: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'omgenIgnored', schemaType: 'string' });
  for (const file of schemaFiles) ajv.addSchema(readJson(join(schemaDir, file)));
  return ajv;
}

const ajv = makeAjv();

function workflowValidator(): ValidateFunction {
  const validate = ajv.getSchema(WORKFLOW_ID);
  if (!validate) throw new Error(`${WORKFLOW_ID} not registered`);
  return validate;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
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
  it('has the expected schema files', () => {
    expect(schemaFiles).toEqual([
      'databaseServiceMetadataPipeline.json',
      'databaseServiceProfilerPipeline.json',
      'databaseServiceQueryLineagePipeline.json',
      'databaseServiceQueryUsagePipeline.json',
      'dbtPipeline.json',
      'filterPattern.json',
      'openMetadataConnection.json',
      'postgresConnection.json',
      'testSuitePipeline.json',
      'workflow.json',
    ]);
  });

  it.each(schemaFiles)('%s is draft-07 with its omgen $id and compiles', (file) => {
    const schema = readJson(join(schemaDir, file));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`${ID_BASE}${file}`);
    expect(ajv.getSchema(schema.$id)).toBeTypeOf('function');
  });

  it('marks ignored keys with a reason and leaves the keys the worker acts on unmarked', () => {
    const props = (file: string): Schema => readJson(join(schemaDir, file)).properties as Schema;
    const ignored = (file: string): string[] =>
      Object.entries(props(file))
        .filter(([, s]) => 'omgenIgnored' in (s as Schema))
        .map(([k]) => k)
        .sort();
    for (const file of schemaFiles) {
      const walk = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const obj = node as Schema;
        if ('omgenIgnored' in obj) expect(typeof obj.omgenIgnored === 'string' && obj.omgenIgnored.length > 0).toBe(true);
        for (const v of Object.values(obj)) walk(v);
      };
      walk(readJson(join(schemaDir, file)));
    }
    expect(ignored('databaseServiceMetadataPipeline.json')).toEqual([
      'incremental',
      'queryLogDuration',
      'queryParsingTimeoutLimit',
      'threads',
    ]);
    const pg = ignored('postgresConnection.json');
    for (const acted of [
      'type', 'scheme', 'username', 'password', 'authType', 'hostPort', 'database', 'ingestAllDatabases', 'sslMode',
      'sslConfig', 'connectionOptions', 'connectionArguments', 'classificationName', 'queryStatementSource',
    ]) {
      expect(pg).not.toContain(acted);
    }
    expect(pg).toEqual(
      expect.arrayContaining([
        'databaseFilterPattern', 'policyAgentConfig', 'sampleDataStorageConfig', 'schemaFilterPattern',
        'storedProcedureFilterPattern', 'supportsMetadataExtraction', 'supportsUsageExtraction', 'tableFilterPattern',
      ]),
    );
    const authType = props('postgresConnection.json').authType.properties as Schema;
    expect(authType.password.omgenIgnored).toBeUndefined();
    expect(authType.awsConfig.omgenIgnored).toBeTypeOf('string');
    expect(authType.azureConfig.omgenIgnored).toBeTypeOf('string');
    const om = ignored('openMetadataConnection.json');
    for (const acted of [
      'hostPort', 'authProvider', 'securityConfig', 'verifySSL', 'sslConfig', 'apiVersion', 'enableVersionValidation',
      'storeServiceConnection', 'forceEntityOverwriting', 'extraHeaders',
    ]) {
      expect(om).not.toContain(acted);
    }
    expect(om).toEqual(expect.arrayContaining(['clusterName', 'limitRecords', 'secretsManagerProvider', 'includeTopics']));
    for (const later of [
      'databaseServiceQueryUsagePipeline.json', 'databaseServiceQueryLineagePipeline.json',
      'databaseServiceProfilerPipeline.json', 'testSuitePipeline.json', 'dbtPipeline.json',
    ]) {
      expect(JSON.stringify(readJson(join(schemaDir, later)))).not.toContain('omgenIgnored');
    }
  });

  it('has a fixture for every workflow', () => {
    expect(fixtureFiles).toEqual([
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
    const result = check(readFixture(file));
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

  it('fills the other pipelines\' defaults', () => {
    const usage = check(readFixture('usage.yaml')).doc.source.sourceConfig.config;
    expect(usage).toMatchObject({ stageFileLocation: '/tmp/query_log', resultLimit: 1000 });
    const lineage = check(readFixture('lineage.yaml')).doc.source.sourceConfig.config;
    expect(lineage).toMatchObject({ resultLimit: 10000, processViewLineage: true, processQueryLineage: true, threads: 1 });
    const profiler = check(readFixture('profiler.yaml')).doc.source.sourceConfig.config;
    expect(profiler).toMatchObject({ includeViews: true, computeMetrics: true, sampleDataCount: 50, profileSample: 50 });
    const testSuite = check(readFixture('testsuite.yaml')).doc.source.sourceConfig.config;
    expect(testSuite).toMatchObject({ profileSample: null, profileSampleType: 'PERCENTAGE' });
    const dbt = check(readFixture('dbt.yaml')).doc.source.sourceConfig.config;
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
    const suite = readFixture('testsuite.yaml');
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
    const usage = readFixture('usage.yaml');
    usage.stage.config.fileName = '/tmp/x';
    expect(hasAdditionalProperty(check(usage).errors, '/stage/config', 'fileName')).toBe(true);
    const bulk = readFixture('usage.yaml');
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
      const doc = readFixture('dbt.yaml');
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
    expect(withSource({ dbtConfigType: 'http', dbtManifestHttpPath: 'https://x/manifest.json', dbtSourcesHttpPath: 'https://x/sources.json' }).valid).toBe(true);
  });

  it('accepts a pipelineRunId in the forms Python uuid.UUID parses', () => {
    for (const id of ['6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11', '6F1C1C7E8A0F4D8F9D6E2B1A6F0F2C11', '{6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11}', 'urn:uuid:6f1c1c7e-8a0f-4d8f-9d6e-2b1a6f0f2c11']) {
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

// ---------------------------------------------------------------------------------------------------------------
// Coverage against OpenMetadata 1.4's own schemas (reference data, only present in the full checkout).

interface Loc {
  schema: Schema;
  file: string;
}

const jsonCache = new Map<string, Schema>();
function cachedJson(file: string): Schema {
  let doc = jsonCache.get(file);
  if (!doc) {
    doc = readJson(file);
    jsonCache.set(file, doc);
  }
  return doc;
}

function resolveRef(ref: string, from: string): Loc {
  const [path, pointer = ''] = ref.split('#');
  const file = path ? resolve(dirname(from), path) : from;
  let node: unknown = cachedJson(file);
  for (const raw of pointer.split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Schema)[part];
    if (node === undefined) throw new Error(`cannot resolve ${ref} from ${from}`);
  }
  return { schema: node as Schema, file };
}

function at(file: string, pointer = ''): Loc {
  return resolveRef(`#${pointer}`, file);
}

function deref(loc: Loc): Loc {
  let cur = loc;
  for (let i = 0; cur.schema.$ref && i < 20; i++) cur = resolveRef(cur.schema.$ref as string, cur.file);
  return cur;
}

/** The default a property ends up with: its own, else the one of the schema it $refs. */
function effectiveDefault(loc: Loc): unknown {
  if ('default' in loc.schema) return loc.schema.default;
  if (loc.schema.$ref) return effectiveDefault(resolveRef(loc.schema.$ref as string, loc.file));
  return undefined;
}

function branches(loc: Loc): Loc[] {
  const d = deref(loc);
  return [...(d.schema.oneOf ?? []), ...(d.schema.anyOf ?? []), ...(d.schema.allOf ?? [])].map((s: Schema) => ({
    schema: s,
    file: d.file,
  }));
}

/** Property name -> schema, including the properties of oneOf/anyOf/allOf branches (first one wins). */
function propsOf(loc: Loc): Map<string, Loc> {
  const d = deref(loc);
  const out = new Map<string, Loc>();
  for (const [name, s] of Object.entries((d.schema.properties ?? {}) as Schema)) out.set(name, { schema: s, file: d.file });
  for (const b of branches(d)) for (const [name, l] of propsOf(b)) if (!out.has(name)) out.set(name, l);
  return out;
}

/** A branch's tag: the first property limited to one value (const or a one-value enum). */
function branchTag(loc: Loc): string | undefined {
  for (const [name, p] of propsOf(loc)) {
    const s = deref(p).schema;
    const values = 'const' in s ? [s.const] : Array.isArray(s.enum) && s.enum.length === 1 ? s.enum : undefined;
    if (values) return `${name}=${String(values[0])}`;
  }
  return undefined;
}

function isFreeForm(loc: Loc): boolean {
  return propsOf(loc).size === 0;
}

/** Deliberate default differences, keyed by the last part of the property path (wherever the schema is used). */
const KNOWN_DEFAULT_DIFFERENCES: Record<string, string> = {
  'openMetadataServerConfig.limitRecords': 'OpenMetadata declares the string "1000" on an integer key; we use 1000',
};

function isKnownDifference(ourFile: string, path: string): boolean {
  const full = ourFile === 'openMetadataConnection.json' ? `openMetadataServerConfig.${path}` : path;
  return Object.keys(KNOWN_DEFAULT_DIFFERENCES).some((k) => full === k || full.endsWith(`.${k}`));
}

function compare(om: Loc, ours: Loc, ourFile: string, path: string, depth: number, problems: string[]): void {
  const omBranches = branches(om).map((b) => [branchTag(b), b] as const);
  const ourBranches = branches(ours).map((b) => [branchTag(b), b] as const);
  // Discriminated unions on both sides: compare branch by branch (OpenMetadata branches we do not support are skipped).
  if (omBranches.length > 1 && ourBranches.length > 1 && omBranches.every(([t]) => t) && ourBranches.every(([t]) => t)) {
    for (const [tag, ourBranch] of ourBranches) {
      const match = omBranches.find(([t]) => t === tag);
      if (match) compare(match[1], ourBranch, ourFile, `${path}[${tag}]`, depth, problems);
    }
    // sourceConfig.config lists every OpenMetadata pipeline type; we only take the six database ones.
    if (path !== 'source.sourceConfig.config') {
      const ourTags = new Set(ourBranches.map(([t]) => t));
      for (const [t] of omBranches) if (!ourTags.has(t)) problems.push(`${ourFile} ${path}: no branch for ${t}`);
    }
    return;
  }
  const ourProps = propsOf(ours);
  for (const [name, omProp] of propsOf(om)) {
    const here = path ? `${path}.${name}` : name;
    const ourProp = ourProps.get(name);
    if (!ourProp) {
      problems.push(`${ourFile} ${here}: missing`);
      continue;
    }
    const omDefault = effectiveDefault(omProp);
    const ourDefault = effectiveDefault(ourProp);
    if (!isDeepStrictEqual(omDefault, ourDefault) && !isKnownDifference(ourFile, here)) {
      problems.push(`${ourFile} ${here}: default ${JSON.stringify(ourDefault)}, OpenMetadata ${JSON.stringify(omDefault)}`);
    }
    if (depth > 0 && !isFreeForm(omProp) && !isFreeForm(ourProp)) compare(omProp, ourProp, ourFile, here, depth - 1, problems);
  }
}

const MAPPINGS: Array<[ourFile: string, omFile: string, omPointer: string]> = [
  ['filterPattern.json', 'type/filterPattern.json', '/definitions/filterPattern'],
  ['openMetadataConnection.json', 'entity/services/connections/metadata/openMetadataConnection.json', ''],
  ['postgresConnection.json', 'entity/services/connections/database/postgresConnection.json', ''],
  ['databaseServiceMetadataPipeline.json', 'metadataIngestion/databaseServiceMetadataPipeline.json', ''],
  ['databaseServiceQueryUsagePipeline.json', 'metadataIngestion/databaseServiceQueryUsagePipeline.json', ''],
  ['databaseServiceQueryLineagePipeline.json', 'metadataIngestion/databaseServiceQueryLineagePipeline.json', ''],
  ['databaseServiceProfilerPipeline.json', 'metadataIngestion/databaseServiceProfilerPipeline.json', ''],
  ['testSuitePipeline.json', 'metadataIngestion/testSuitePipeline.json', ''],
  ['dbtPipeline.json', 'metadataIngestion/dbtPipeline.json', ''],
  ['workflow.json', 'metadataIngestion/workflow.json', '/properties/openMetadataWorkflowConfig'],
];

function omAjv(): Ajv {
  // OpenMetadata's files as its README says to load them: $id rewritten from the path (four files share one $id upstream).
  const om = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(omSpecDir)) {
    const schema = readJson(file);
    schema.$id = `https://open-metadata.org/schema/${relative(omSpecDir, file).split(sep).join('/')}`;
    om.addSchema(schema);
  }
  return om;
}

describe.skipIf(!existsSync(omSpecDir))('coverage of OpenMetadata 1.4 schemas', () => {
  it.each(MAPPINGS)('%s declares every key and default of OpenMetadata %s', (ourFile, omFile, pointer) => {
    const problems: string[] = [];
    compare(at(join(omSpecDir, omFile), pointer), at(join(schemaDir, ourFile)), ourFile, '', 2, problems);
    expect(problems).toEqual([]);
  });

  it('the comparison notices a missing key and a changed default', () => {
    const ours = structuredClone(readJson(join(schemaDir, 'databaseServiceMetadataPipeline.json')));
    delete ours.properties.includeDDL;
    ours.properties.threads.default = 2;
    const file = join(schemaDir, 'databaseServiceMetadataPipeline.json');
    const problems: string[] = [];
    compare(
      at(join(omSpecDir, 'metadataIngestion/databaseServiceMetadataPipeline.json')),
      { schema: ours, file },
      'x',
      '',
      2,
      problems,
    );
    expect(problems).toEqual(['x includeDDL: missing', 'x threads: default 2, OpenMetadata 1']);
  });

  it('the comparison looks into nested objects and discriminated branches', () => {
    const run = (ourFile: string, omFile: string, mutate: (s: Schema) => void): string[] => {
      const file = join(schemaDir, ourFile);
      const ours = structuredClone(readJson(file));
      mutate(ours);
      // Local $refs are resolved through the cache, so the mutated copy stands in for the file while comparing.
      jsonCache.set(file, ours);
      try {
        const problems: string[] = [];
        compare(at(join(omSpecDir, omFile)), at(file), ourFile, '', 2, problems);
        return problems;
      } finally {
        jsonCache.delete(file);
      }
    };
    expect(
      run('postgresConnection.json', 'entity/services/connections/database/postgresConnection.json', (s) => {
        delete s.properties.authType.properties.azureConfig;
        delete s.properties.sslMode.default;
        delete s.properties.sslConfig.properties.sslKey;
      }),
    ).toEqual([
      'postgresConnection.json authType.azureConfig: missing',
      'postgresConnection.json sslMode: default undefined, OpenMetadata "disable"',
      'postgresConnection.json sslConfig.sslKey: missing',
    ]);
    expect(
      run('dbtPipeline.json', 'metadataIngestion/dbtPipeline.json', (s) => {
        delete s.definitions.cloud.properties.dbtCloudJobId;
        s.definitions.cloud.properties.dbtCloudUrl.default = 'https://emea.dbt.com';
        delete s.definitions.bucketPrefix.properties.dbtObjectPrefix;
      }),
    ).toEqual([
      'dbtPipeline.json dbtConfigSource[dbtConfigType=cloud].dbtCloudJobId: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=cloud].dbtCloudUrl: default "https://emea.dbt.com", OpenMetadata "https://cloud.getdbt.com"',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=s3].dbtPrefixConfig.dbtObjectPrefix: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=gcs].dbtPrefixConfig.dbtObjectPrefix: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=azure].dbtPrefixConfig.dbtObjectPrefix: missing',
    ]);
    expect(
      run('databaseServiceMetadataPipeline.json', 'metadataIngestion/databaseServiceMetadataPipeline.json', (s) => {
        s.definitions.incremental.properties.lookbackDays.default = 3;
      }),
    ).toEqual(['databaseServiceMetadataPipeline.json incremental.lookbackDays: default 3, OpenMetadata 7']);
  });

  it('1.4-style fixtures are valid for OpenMetadata 1.4 itself; the newer-keys fixture is not', () => {
    const om = omAjv();
    const validate = om.getSchema(
      'https://open-metadata.org/schema/metadataIngestion/workflow.json#/properties/openMetadataWorkflowConfig',
    );
    if (!validate) throw new Error('OpenMetadata workflow schema not found');
    for (const file of fixtureFiles) {
      const ok = validate(readFixture(file)) as boolean;
      if (file === 'metadata-newer-keys.yaml') expect(ok, file).toBe(false);
      else expect(describeErrors(validate.errors), file).toEqual([]);
    }
  });
});
