// Our JSON Schemas (schemas/*.json) on their own: the expected files, each draft-07 with its omgen $id and compiling,
// and the omgenIgnored markers on the keys the worker does not act on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ID_BASE, makeAjv, readJson, schemaDir, schemaFiles } from './workflow-schema-files.js';

type Schema = Record<string, any>;

const ajv = makeAjv();

describe('our workflow schemas', () => {
  it('has the expected schema files', () => {
    expect(schemaFiles).toEqual([
      'databaseServiceAutoClassificationPipeline.json',
      'databaseServiceMetadataPipeline.json',
      'databaseServiceProfilerPipeline.json',
      'databaseServiceQueryLineagePipeline.json',
      'databaseServiceQueryUsagePipeline.json',
      'dbtPipeline.json',
      'filterPattern.json',
      'openMetadataConnection.json',
      'postgresConnection.json',
      'profilerProcessorConfig.json',
      'testSuitePipeline.json',
      'testSuiteProcessorConfig.json',
      'workflow.json',
    ]);
  });

  it.each(schemaFiles)('%s is draft-07 with its omgen $id and compiles', (file) => {
    const schema = readJson<Schema>(join(schemaDir, file));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`${ID_BASE}${file}`);
    expect(ajv.getSchema(schema.$id)).toBeTypeOf('function');
  });

  it('marks ignored keys with a reason and leaves the keys the worker acts on unmarked', () => {
    const props = (file: string): Schema => readJson<Schema>(join(schemaDir, file)).properties as Schema;
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
      walk(readJson<Schema>(join(schemaDir, file)));
    }
    expect(ignored('databaseServiceMetadataPipeline.json')).toEqual(['incremental', 'queryLogDuration', 'queryParsingTimeoutLimit', 'threads']);
    const pg = ignored('postgresConnection.json');
    for (const acted of [
      'type',
      'scheme',
      'username',
      'password',
      'authType',
      'hostPort',
      'database',
      'ingestAllDatabases',
      'sslMode',
      'sslConfig',
      'connectionOptions',
      'connectionArguments',
      'classificationName',
      'queryStatementSource',
    ]) {
      expect(pg).not.toContain(acted);
    }
    expect(pg).toEqual(
      expect.arrayContaining([
        'databaseFilterPattern',
        'policyAgentConfig',
        'sampleDataStorageConfig',
        'schemaFilterPattern',
        'storedProcedureFilterPattern',
        'supportsMetadataExtraction',
        'supportsUsageExtraction',
        'tableFilterPattern',
      ]),
    );
    const authType = props('postgresConnection.json').authType.properties as Schema;
    expect(authType.password.omgenIgnored).toBeUndefined();
    expect(authType.awsConfig.omgenIgnored).toBeTypeOf('string');
    expect(authType.azureConfig.omgenIgnored).toBeTypeOf('string');
    const om = ignored('openMetadataConnection.json');
    for (const acted of [
      'hostPort',
      'authProvider',
      'securityConfig',
      'verifySSL',
      'sslConfig',
      'apiVersion',
      'enableVersionValidation',
      'storeServiceConnection',
      'forceEntityOverwriting',
      'extraHeaders',
    ]) {
      expect(om).not.toContain(acted);
    }
    expect(om).toEqual(expect.arrayContaining(['clusterName', 'limitRecords', 'secretsManagerProvider', 'includeTopics']));
    expect(ignored('databaseServiceQueryUsagePipeline.json')).toEqual(['queryLogDuration']);
    const lineage = ignored('databaseServiceQueryLineagePipeline.json');
    expect(lineage).toEqual(expect.arrayContaining(['queryLogDuration', 'threads', 'enableTempTableLineage']));
    for (const acted of [
      'processViewLineage',
      'processQueryLineage',
      'processStoredProcedureLineage',
      'overrideViewLineage',
      'parsingTimeoutLimit',
      'filterCondition',
    ]) {
      expect(lineage).not.toContain(acted);
    }
    expect(ignored('databaseServiceProfilerPipeline.json')).toEqual([]);
    expect(JSON.stringify(readJson<Schema>(join(schemaDir, 'testSuitePipeline.json')))).not.toContain('omgenIgnored');
    const dbt = JSON.stringify(readJson<Schema>(join(schemaDir, 'dbtPipeline.json')));
    expect(dbt.match(/"(\w+)":\{[^{}]*"omgenIgnored"/g)?.map((m) => m.slice(1, m.indexOf('"', 1)))).toEqual(['searchAcrossDatabases']);
  });
});
