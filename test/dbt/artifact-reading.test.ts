// Reading dbt artifacts without the project fixtures: types from catalog text, broken files, kind and version checks,
// what a test result becomes. The whole-project runs are in dbt-workflow.test.ts.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/config-error.js';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { mapCatalogType } from '../../src/dbt/catalog-type.js';
import { loadDbtArtifacts } from '../../src/dbt/dbt-artifacts.js';
import type { DbtRelationNode, DbtTestNode } from '../../src/dbt/dbt-nodes.js';
import { testCaseStatus, testedRelation } from '../../src/dbt/dbt-tests.js';
import { readManifest } from '../../src/dbt/manifest.js';
import { ArtifactError } from '../../src/dbt/read-artifact.js';

const manifestOf = (version: number, nodes: Record<string, unknown> = {}, sources: Record<string, unknown> = {}) => ({
  metadata: { dbt_schema_version: `https://schemas.getdbt.com/dbt/manifest/v${version}.json`, dbt_version: '1.x', invocation_id: 'inv-1' },
  nodes,
  sources,
});

async function artifactsIn(files: Record<string, unknown>): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'omgen-dbt-read-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, `${name}.json`);
    await writeFile(paths[name], typeof content === 'string' ? content : JSON.stringify(content));
  }
  return paths;
}

describe('catalog types', () => {
  it('maps format_type spellings to OpenMetadata types with their lengths, precision and arrays', () => {
    expect(mapCatalogType('integer')).toEqual({ dataType: 'INT' });
    expect(mapCatalogType('character varying(40)')).toEqual({ dataType: 'VARCHAR', dataLength: 40 });
    expect(mapCatalogType('character varying')).toEqual({ dataType: 'VARCHAR', dataLength: 1 });
    expect(mapCatalogType('numeric(12,2)')).toEqual({ dataType: 'NUMERIC', precision: 12, scale: 2 });
    expect(mapCatalogType('timestamp with time zone')).toEqual({ dataType: 'TIMESTAMPZ' });
    expect(mapCatalogType('timestamp without time zone')).toEqual({ dataType: 'TIMESTAMP' });
    expect(mapCatalogType('double precision')).toEqual({ dataType: 'DOUBLE' });
    expect(mapCatalogType('text[]')).toEqual({ dataType: 'ARRAY', arrayDataType: 'TEXT' });
    expect(mapCatalogType('jsonb')).toEqual({ dataType: 'JSON' });
    expect(mapCatalogType('public.mood')).toEqual({ dataType: 'UNKNOWN' });
    expect(mapCatalogType('public.citext')).toEqual({ dataType: 'TEXT' });
    expect(mapCatalogType('VARIANT')).toEqual({ dataType: 'UNKNOWN' });
  });
});

describe('artifacts that cannot be used', () => {
  it('a truncated manifest is an ArtifactError naming the key, the file and the cut', async () => {
    const text = JSON.stringify(manifestOf(12));
    const paths = await artifactsIn({ manifest: text.slice(0, text.length - 10) });
    const error = await loadDbtArtifacts({ dbtConfigType: 'local', dbtManifestFilePath: paths.manifest }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^source\\.sourceConfig\\.config\\.dbtConfigSource\\.dbtManifestFilePath \\(${paths.manifest}\\): truncated JSON: it ends after \\d+ bytes`,
      ),
    );
  });

  it('a run_results given as the manifest is refused as the wrong kind of artifact', async () => {
    const paths = await artifactsIn({
      manifest: { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' }, results: [] },
    });
    await expect(loadDbtArtifacts({ dbtConfigType: 'local', dbtManifestFilePath: paths.manifest })).rejects.toThrow(
      /: a dbt run-results artifact, not a manifest artifact$/,
    );
  });

  it('an unknown manifest version is read with a warning naming it; a broken catalog and a foreign run_results are warnings', async () => {
    const node = { resource_type: 'model', name: 'm', database: 'd', schema: 's', config: { materialized: 'table' }, depends_on: { nodes: [] } };
    const paths = await artifactsIn({
      manifest: manifestOf(13, { 'model.p.m': node }),
      catalog: '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"}, "nodes": {',
      run_results: {
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', invocation_id: 'inv-2' },
        results: [{ unique_id: 'model.other.x', status: 'success', timing: [] }],
      },
    });
    const read = await loadDbtArtifacts({
      dbtConfigType: 'local',
      dbtManifestFilePath: paths.manifest,
      dbtCatalogFilePath: paths.catalog,
      dbtRunResultsFilePath: paths.run_results,
    });
    expect(read.manifest.relations.map((r) => r.uniqueId)).toEqual(['model.p.m']);
    expect(read.catalog.size).toBe(0);
    expect(read.runResults).toBeUndefined();
    expect(read.warnings.map((w) => w.message)).toEqual([
      'manifest schema v13 (dbt 1.x) is not one omgen knows (v6 to v12); its nodes are read by the fields those versions share',
      expect.stringMatching(
        /^source\.sourceConfig\.config\.dbtConfigSource\.dbtCatalogFilePath \(.*catalog\.json\): truncated JSON: .*; going on without it$/,
      ),
      expect.stringMatching(
        /dbtRunResultsFilePath \(.*\): none of its 1 results names a node of the manifest: it belongs to another dbt project or manifest \(invocation inv-2; the manifest's is inv-1\); dbt test results are not ingested$/,
      ),
    ]);
  });

  it('reads artifacts over HTTP and names an HTTP error without the URL query (signed URLs)', async () => {
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/manifest.json')) response.end(JSON.stringify(manifestOf(12)));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const read = await loadDbtArtifacts({
        dbtConfigType: 'http',
        dbtManifestHttpPath: `http://127.0.0.1:${port}/manifest.json?X-Amz-Signature=secret`,
        dbtCatalogHttpPath: `http://127.0.0.1:${port}/catalog.json?X-Amz-Signature=secret`,
      });
      expect(read.manifest.version).toBe(12);
      expect(read.warnings.map((w) => w.message)).toEqual([
        `source.sourceConfig.config.dbtConfigSource.dbtCatalogHttpPath (http://127.0.0.1:${port}/catalog.json): cannot download: HTTP 404; going on without it`,
      ]);
    } finally {
      server.close();
    }
  });
});

describe('manifest nodes', () => {
  it('skips ephemeral, disabled and non-relation nodes, counting them by reason; a node without a schema is malformed', () => {
    const base = { database: 'd', schema: 's', depends_on: { nodes: [] }, config: { materialized: 'table' } };
    const read = readManifest(
      manifestOf(
        9,
        {
          'model.p.a': { ...base, resource_type: 'model', name: 'a', alias: 'a_alias', raw_sql: 'select 1', compiled_sql: 'select 1' },
          'model.p.e': { ...base, resource_type: 'model', name: 'e', config: { materialized: 'ephemeral' }, depends_on: { nodes: ['model.p.a'] } },
          'model.p.off': { ...base, resource_type: 'model', name: 'off', config: { enabled: false } },
          'analysis.p.x': { ...base, resource_type: 'analysis', name: 'x' },
          'operation.p.hook': { ...base, resource_type: 'operation', name: 'hook' },
          'model.p.broken': { resource_type: 'model', name: 'broken', database: 'd' },
        },
        { 'source.p.raw.t': { ...base, resource_type: 'source', name: 't', identifier: 't_table' } },
      ),
    );
    expect(read.relations.map((r) => [r.uniqueId, r.relationName, r.compiledSql])).toEqual([
      ['model.p.a', 'a_alias', 'select 1'],
      ['source.p.raw.t', 't_table', undefined],
    ]);
    expect(Object.fromEntries(read.passedOver)).toEqual({
      'ephemeral model': ['model.p.e'],
      disabled: ['model.p.off'],
      analysis: ['analysis.p.x'],
      operation: ['operation.p.hook'],
    });
    expect(read.ephemeralParents.get('model.p.e')).toEqual(['model.p.a']);
    expect(read.malformed).toEqual(['model.p.broken: no schema']);
  });
});

describe('dbt tests', () => {
  const relation = (uniqueId: string, name: string, resourceType: DbtRelationNode['resourceType'] = 'model'): DbtRelationNode => ({
    uniqueId,
    resourceType,
    packageName: 'p',
    name,
    database: 'd',
    schema: 's',
    relationName: name,
    description: '',
    columns: [],
    tags: [],
    meta: {},
    dependsOn: [],
  });
  const byId = new Map([
    ['model.p.customers', relation('model.p.customers', 'customers')],
    ['model.p.orders', relation('model.p.orders', 'orders')],
    ['source.p.raw.orders', relation('source.p.raw.orders', 'orders', 'source')],
  ]);
  const test = (fields: Partial<DbtTestNode>): DbtTestNode => ({
    uniqueId: 't',
    name: 't',
    packageName: 'p',
    kwargs: {},
    description: '',
    dependsOn: [],
    tags: [],
    ...fields,
  });

  it('attaches a test to attached_node, else to the relation its model argument names, else to its first parent', () => {
    const relationships = {
      kwargs: { model: "{{ get_where_subquery(ref('orders')) }}", to: "ref('customers')" },
      dependsOn: ['model.p.customers', 'model.p.orders'],
    };
    expect(testedRelation(test(relationships), byId)?.uniqueId).toBe('model.p.orders');
    expect(testedRelation(test({ ...relationships, attachedNode: 'model.p.customers' }), byId)?.uniqueId).toBe('model.p.customers');
    const onSource = { kwargs: { model: "{{ get_where_subquery(source('raw', 'orders')) }}" }, dependsOn: ['model.p.orders', 'source.p.raw.orders'] };
    expect(testedRelation(test(onSource), byId)?.uniqueId).toBe('source.p.raw.orders');
    expect(testedRelation(test({ dependsOn: ['model.p.customers'] }), byId)?.uniqueId).toBe('model.p.customers');
    expect(testedRelation(test({ dependsOn: ['model.p.gone'] }), byId)).toBeUndefined();
  });

  it("says dbt's statuses in OpenMetadata's words", () => {
    expect(['pass', 'success', 'fail', 'failure', 'warn', 'error', 'skipped', 'runtime error'].map(testCaseStatus)).toEqual([
      'Success',
      'Success',
      'Failed',
      'Failed',
      'Failed',
      'Aborted',
      'Aborted',
      'Aborted',
    ]);
  });
});

describe('dbt config checks', () => {
  const workflow = (dbtConfigSource: Record<string, unknown>) =>
    JSON.stringify({
      source: { type: 'dbt', serviceName: 'svc', sourceConfig: { config: { type: 'DBT', dbtConfigSource } } },
      sink: { type: 'file', config: { filename: '/tmp/omgen-dbt-never-written.ndjson' } },
      workflowConfig: { openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
    });
  const issues = (dbtConfigSource: Record<string, unknown>) => {
    try {
      loadWorkflowText(workflow(dbtConfigSource), 'dbt.yaml', {});
      return [];
    } catch (error) {
      return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
    }
  };

  it('refuses vendor storage with what to do instead, and an artifact URL that is not http(s)', () => {
    expect(issues({ dbtConfigType: 's3', dbtSecurityConfig: {}, dbtPrefixConfig: { dbtBucketName: 'b' } })).toEqual([
      'source.sourceConfig.config.dbtConfigSource.dbtConfigType: om-worker does not fetch dbt artifacts from S3; copy them where the worker runs (dbtConfigType: local) or serve them over HTTP (dbtConfigType: http)',
    ]);
    expect(issues({ dbtConfigType: 'http', dbtManifestHttpPath: 'ftp://host/manifest.json' })).toEqual([
      "source.sourceConfig.config.dbtConfigSource.dbtManifestHttpPath: 'ftp://host/manifest.json' is not an http(s) URL",
    ]);
    expect(issues({ dbtConfigType: 'http', dbtManifestHttpPath: 'https://host/manifest.json' })).toEqual([]);
  });
});
