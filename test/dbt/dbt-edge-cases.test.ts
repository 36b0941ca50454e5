// The dbt workflow when things are not as they should be: descriptions a person wrote, a table the metadata run did
// not ingest, a test on a column that does not exist, run_results of another project, a manifest cut short; and a
// file sink's records pushed into a server later.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import { shopWarehouseSql } from '../fixtures/dbt/warehouse.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runDbt, writeShopArtifacts } from '../support/run-dbt.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';

let db: TestDatabase;
let om: OpenMetadataDouble;

beforeAll(async () => {
  db = await createTestDatabase('dbt_edges');
  await execSql(db.url, shopWarehouseSql(db.name));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  for (const user of ['alice', 'bob', 'carol']) om.addUser(user);
}, 120_000);

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

const warningsOf = (result: Awaited<ReturnType<typeof runDbt>>) =>
  result.status.steps.flatMap((s) => s.warnings.map((w) => `${w.name}: ${w.message}`));
const failuresOf = (result: Awaited<ReturnType<typeof runDbt>>) => result.status.steps.flatMap((s) => s.failures.map((f) => `${f.name}: ${f.error}`));

describe('dbt descriptions', () => {
  it('fills only empty descriptions, and replaces a person’s only with dbtUpdateDescriptions (never a source’s)', async () => {
    const service = 'desc_svc';
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const fqn = (path: string) => `${service}.${db.name}.${path}`;
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    for (const table of ['analytics.orders', 'raw.orders']) {
      const id = String(om.get('table', fqn(table))?.id);
      await api.patch(`tables/${id}`, [
        { op: 'add', path: '/description', value: 'Written by a person.' },
        { op: 'add', path: '/columns/0/description', value: 'A person’s column note.' },
      ]);
    }
    const files = await writeShopArtifacts(12, db.name);
    expect((await runDbt({ files, serviceName: service, double: om })).exitCode).toBe(0);
    const described = (table: string) => {
      const entity = om.get('table', fqn(table)) as { description?: string; columns: Array<{ name: string; description?: string }> };
      return [entity.description, entity.columns[0]?.description, entity.columns.find((c) => c.name === 'status')?.description];
    };
    expect(described('analytics.orders')).toEqual([
      'Written by a person.',
      'A person’s column note.',
      'One of placed, shipped, completed or returned.',
    ]);

    expect((await runDbt({ files, serviceName: service, double: om, sourceConfig: { dbtUpdateDescriptions: true } })).exitCode).toBe(0);
    expect(described('analytics.orders')).toEqual([
      'One row per order, with what has been paid for it.',
      'Primary key of the order.',
      'One of placed, shipped, completed or returned.',
    ]);
    expect(described('raw.orders').slice(0, 2)).toEqual(['Written by a person.', 'A person’s column note.']);
  });
});

describe('dbt meta.openmetadata', () => {
  it('labels the table with its tier, tags and glossary terms and a column with its terms; what the server lacks is a warning', async () => {
    const service = 'meta_svc';
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    const made = [
      await api.put('classifications', { name: 'Tier', description: 'Tiers', mutuallyExclusive: true }),
      await api.put('tags', { classification: 'Tier', name: 'Tier2', description: 'Important' }),
      await api.put('classifications', { name: 'PII', description: 'Personal data' }),
      await api.put('tags', { classification: 'PII', name: 'Sensitive', description: 'Sensitive data' }),
      await api.put('glossaries', { name: 'Business', description: 'Business terms' }),
      await api.put('glossaryTerms', { glossary: 'Business', name: 'Revenue', description: 'Money in' }),
      await api.put('glossaryTerms', { glossary: 'Business', name: 'Order', description: 'A customer’s purchase' }),
    ];
    expect(made.map((answer) => answer.status)).toEqual(Array(made.length).fill(201));
    const files = await writeShopArtifacts(12, db.name, ({ manifest }) => {
      const orders = manifest.nodes['model.shop.orders'];
      // PII.Sensitive is a tag, and no glossary term: the label of the one lands, the other is said to be missing.
      orders.meta.openmetadata = { tier: 'Tier.Tier2', tags: ['PII.Sensitive'], glossary: ['Business.Order', 'Business.Missing', 'PII.Sensitive'] };
      orders.columns.amount.meta = { openmetadata: { glossary: ['Business.Revenue'] } };
      // Another model names the same term: it is looked up once.
      manifest.nodes['model.shop.customers'].meta.openmetadata = { glossary: ['Business.Order'] };
    });
    const result = await runDbt({ files, serviceName: service, double: om });
    expect(result.exitCode, JSON.stringify(failuresOf(result))).toBe(0);
    const fqn = (path: string) => `${service}.${db.name}.${path}`;
    const table = om.get('table', fqn('analytics.orders')) as { tags?: Array<{ tagFQN: string; source: string }>; columns: any[] };
    expect((table.tags ?? []).map((t) => `${t.source}:${t.tagFQN}`).sort()).toEqual(
      expect.arrayContaining(['Classification:PII.Sensitive', 'Classification:Tier.Tier2', 'Glossary:Business.Order']),
    );
    expect((table.tags ?? []).some((t) => t.tagFQN === 'Business.Missing')).toBe(false);
    const amount = table.columns.find((c: { name: string }) => c.name === 'amount');
    expect(amount.tags).toEqual([expect.objectContaining({ tagFQN: 'Business.Revenue', source: 'Glossary', state: 'Suggested' })]);
    expect(warningsOf(result)).toContainEqual(
      `${fqn('analytics.orders')}: model.shop.orders: glossary term Business.Missing, glossary term PII.Sensitive from meta.openmetadata are not on the server (create it first); not applied`,
    );
    const customers = om.get('table', fqn('analytics.customers')) as { tags?: Array<{ tagFQN: string }> };
    expect((customers.tags ?? []).map((t) => t.tagFQN)).toContain('Business.Order');
    // Each label was asked about once, however many tables name it.
    const asked = om.requests.filter((r) => r.method === 'GET' && r.path.includes('/glossaryTerms/name/'));
    expect(asked.map((r) => r.path).sort()).toEqual([
      '/api/v1/glossaryTerms/name/Business.Missing',
      '/api/v1/glossaryTerms/name/Business.Order',
      '/api/v1/glossaryTerms/name/Business.Revenue',
      '/api/v1/glossaryTerms/name/PII.Sensitive',
    ]);
  });
});

describe('dbt bad input', () => {
  it('a table the metadata run left out, a test on a missing column, a meta owner nobody is: warnings naming them, the rest lands', async () => {
    const service = 'partial_svc';
    const metadata = await runMetadataRest({
      url: db.url,
      double: om,
      serviceName: service,
      sourceConfig: { schemaFilterPattern: { excludes: ['^snapshots$'] } },
    });
    expect(metadata.exitCode).toBe(0);
    const files = await writeShopArtifacts(12, db.name, ({ manifest }) => {
      const test = manifest.nodes[Object.keys(manifest.nodes).find((id) => id.startsWith('test.shop.not_null_orders_order_id')) as string];
      test.column_name = 'order_ref';
      test.test_metadata.kwargs.column_name = 'order_ref';
      const customers = manifest.nodes['model.shop.customers'];
      customers.meta.owner = 'nobody_here';
      customers.config.meta.owner = 'nobody_here';
    });
    const result = await runDbt({ files, serviceName: service, double: om });
    expect(result.exitCode, JSON.stringify(failuresOf(result))).toBe(0);
    const fqn = (path: string) => `${service}.${db.name}.${path}`;
    expect(warningsOf(result)).toEqual(
      expect.arrayContaining([
        `${fqn('snapshots.orders_snapshot')}: snapshot.shop.orders_snapshot: table ${fqn('snapshots.orders_snapshot')} is not on the server (run the metadata workflow first); its dbt data model is not sent`,
        expect.stringMatching(
          new RegExp(
            `: test case ${fqn('analytics.orders.order_ref.not_null_orders_order_id').replaceAll('.', '\\.')}: column order_ref is not a column of table`,
          ),
        ),
        `${fqn('analytics.customers')}: model.shop.customers: owner 'nobody_here' is no user or team on the server; the table keeps its owner`,
      ]),
    );
    expect(om.dataModel(fqn('analytics.orders'))).toMatchObject({ resourceType: 'model' });
    expect(om.testCase(`${fqn('analytics.customers.customer_id')}.unique_customers_customer_id`)?.results).toHaveLength(1);
  });

  it('a stale source is Failed and a freshness query that failed is Aborted, with what dbt found', async () => {
    const service = 'freshness_svc';
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const files = await writeShopArtifacts(9, db.name, ({ sources, manifest }) => {
      const [orders] = sources.results;
      sources.results = [
        { ...orders, status: 'error', max_loaded_at_time_ago_in_s: 864000 },
        {
          ...orders,
          unique_id: 'source.shop.raw.payments',
          status: 'runtime error',
          max_loaded_at: null,
          max_loaded_at_time_ago_in_s: null,
          error: 'column "loaded_at" does not exist',
        },
      ];
      expect(manifest.sources['source.shop.raw.payments']).toBeDefined();
    });
    const result = await runDbt({ files, serviceName: service, double: om });
    expect(result.exitCode).toBe(0);
    const [orders] = om.testCase(`${service}.${db.name}.raw.orders.orders_freshness`)?.results ?? [];
    expect(orders).toMatchObject({
      testCaseStatus: 'Failed',
      result: 'error: newest row loaded at 2024-06-30T00:00:00+00:00, 240.0 h old (warn after 2 day, error after 7 day)',
      testResultValue: [
        { name: 'maxLoadedAt', value: '2024-06-30T00:00:00+00:00' },
        { name: 'maxLoadedAtTimeAgoInS', value: '864000' },
      ],
    });
    const [payments] = om.testCase(`${service}.${db.name}.raw.payments.payments_freshness`)?.results ?? [];
    expect(payments).toMatchObject({ testCaseStatus: 'Aborted', result: 'runtime error: column "loaded_at" does not exist', testResultValue: [] });
  });

  it('run_results of another project: a warning, and data models without test results', async () => {
    const service = 'foreign_results_svc';
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const files = await writeShopArtifacts(11, db.name, ({ runResults }) => {
      for (const result of runResults.results) result.unique_id = `${String(result.unique_id).replace(/^(\w+)\.\w+\./, '$1.other_project.')}`;
    });
    const result = await runDbt({ files, serviceName: service, double: om });
    expect(result.exitCode).toBe(0);
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(
        /^run_results: source\.sourceConfig\.config\.dbtConfigSource\.dbtRunResultsFilePath \(.*run_results\.json\): none of its \d+ results names a node of the manifest: it belongs to another dbt project or manifest .*; dbt test results are not ingested$/,
      ),
    ]);
    expect(om.dataModel(`${service}.${db.name}.analytics.orders`)).toBeDefined();
    // Only sources.json's freshness made a suite: no dbt test of the run reached the server.
    expect(om.testSuites().filter((suite) => suite.startsWith(`${service}.`))).toEqual([`${service}.${db.name}.raw.orders.testSuite`]);
  });

  it('a truncated manifest: the one failure of the run, naming the key, the file and the cut; nothing sent', async () => {
    const files = await writeShopArtifacts(10, db.name);
    const text = JSON.stringify((await import('../fixtures/dbt/artifacts.js')).shopArtifacts(10, { database: db.name }).manifest);
    await writeFile(files.manifest, text.slice(0, 5000));
    om.clearRequests();
    const result = await runDbt({ files, serviceName: 'truncated_svc', double: om });
    expect(result.exitCode).toBe(1);
    expect(failuresOf(result)).toEqual([
      `manifest: source.sourceConfig.config.dbtConfigSource.dbtManifestFilePath (${files.manifest}): truncated JSON: it ends after 5,000 bytes in the middle of a value`,
    ]);
    expect(om.dataModel(`truncated_svc.${db.name}.analytics.orders`)).toBeUndefined();
  });
});

describe('dbt to a file, pushed later', () => {
  it('push sends what a direct run sends: data models with owners, lineage, test results', async () => {
    const service = 'pushed_svc';
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const files = await writeShopArtifacts(8, db.name);
    const output = join(files.dir, 'extract.ndjson');
    expect((await runDbt({ files, serviceName: service, output })).exitCode).toBe(0);
    const fqn = (path: string) => `${service}.${db.name}.${path}`;
    expect(om.dataModel(fqn('analytics.orders'))).toBeUndefined();
    const pushed = await runDbt({ files, serviceName: service, double: om, source: new FileReplaySource(output) });
    expect(pushed.exitCode, JSON.stringify(failuresOf(pushed))).toBe(0);
    expect(om.dataModel(fqn('analytics.orders'))).toMatchObject({ modelType: 'DBT', path: 'models/marts/orders.sql' });
    const orders = om.get('table', fqn('analytics.orders')) as { owner?: { id: string }; owners?: Array<{ id: string }> };
    const ownerId = orders.owner?.id ?? orders.owners?.[0]?.id;
    expect(om.entities('user').find((u) => u.id === ownerId)?.name).toBe('alice');
    expect(
      om
        .lineageEdges()
        .filter((e) => e.toEntity.fullyQualifiedName === fqn('analytics.orders'))
        .map((e) => e.fromEntity.fullyQualifiedName)
        .sort(),
    ).toEqual([fqn('analytics_staging.stg_orders'), fqn('analytics_staging.stg_payments')]);
    expect(om.testCase(`${fqn('analytics.orders.status')}.accepted_values_orders_status__placed__shipped__completed__returned`)?.results).toEqual([
      expect.objectContaining({ testCaseStatus: 'Failed', testResultValue: [{ name: 'failures', value: '2' }] }),
    ]);
  });
});
