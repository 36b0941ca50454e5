// The dbt workflow end to end, for every manifest version the fixtures hold: the shop project's warehouse built in a
// real Postgres (test/fixtures/dbt/warehouse.ts), the metadata workflow ingesting it into the API double, then the
// dbt workflow putting its data models, descriptions, owners, tags, lineage and tests on those tables; and the same
// to the file sink. Expectations are read from the fixture manifest here, not from the worker's reading of it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_VERSIONS, shopArtifacts, type ManifestVersion } from '../fixtures/dbt/artifacts.js';
import { shopWarehouseSql } from '../fixtures/dbt/warehouse.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { fileRecords, runDbt, writeShopArtifacts } from '../support/run-dbt.js';
import { runMetadataRest } from '../support/run-metadata-rest.js';

let db: TestDatabase;
let om: OpenMetadataDouble;

/** The relations the manifest materializes, by FQN under `service`, with their resource type: found independently. */
function expectedRelations(version: ManifestVersion, service: string, database: string): Map<string, string> {
  const { manifest } = shopArtifacts(version, { database }) as { manifest: any };
  const found = new Map<string, string>();
  for (const node of Object.values<any>(manifest.nodes)) {
    if (!['model', 'seed', 'snapshot'].includes(node.resource_type) || node.config.materialized === 'ephemeral') continue;
    found.set(`${service}.${database}.${node.schema}.${node.alias ?? node.name}`, node.resource_type);
  }
  for (const source of Object.values<any>(manifest.sources)) found.set(`${service}.${database}.${source.schema}.${source.identifier}`, 'source');
  return found;
}

/** Upstream → model pairs by depends_on, an ephemeral parent replaced by its own parents. */
function expectedEdges(version: ManifestVersion, service: string, database: string): string[] {
  const { manifest } = shopArtifacts(version, { database }) as { manifest: any };
  const all = { ...manifest.nodes, ...manifest.sources };
  const fqnOf = (node: any) => `${service}.${database}.${node.schema}.${node.alias ?? node.identifier ?? node.name}`;
  const parents = (id: string): string[] => {
    const node = all[id];
    if (!node) return [];
    if (node.config?.materialized === 'ephemeral') return node.depends_on.nodes.flatMap(parents);
    return [fqnOf(node)];
  };
  const edges = new Set<string>();
  for (const node of Object.values<any>(manifest.nodes)) {
    if (!['model', 'snapshot'].includes(node.resource_type) || node.config.materialized === 'ephemeral') continue;
    for (const parent of node.depends_on.nodes.flatMap(parents)) edges.add(`${parent} -> ${fqnOf(node)}`);
  }
  return [...edges].sort();
}

/** The shop build's tests, where each is attached and how it went (shop-project.ts). */
const TESTS: Array<[string, string, string]> = [
  ['unique_customers_customer_id', 'analytics.customers.customer_id', 'Success'],
  ['not_null_customers_customer_id', 'analytics.customers.customer_id', 'Success'],
  ['not_null_orders_order_id', 'analytics.orders.order_id', 'Success'],
  ['accepted_values_orders_status__placed__shipped__completed__returned', 'analytics.orders.status', 'Failed'],
  ['relationships_orders_customer_id__customer_id__ref_customers_', 'analytics.orders.customer_id', 'Aborted'],
  ['source_unique_raw_customers_id', 'raw.customers.id', 'Success'],
  ['source_not_null_raw_orders_id', 'raw.orders.id', 'Success'],
  ['shop_utils_expression_is_true_orders_amount_0', 'analytics.orders', 'Failed'],
  ['assert_positive_total', 'analytics.orders', 'Aborted'],
  // From sources.json: the source's freshness.
  ['orders_freshness', 'raw.orders', 'Success'],
];

beforeAll(async () => {
  db = await createTestDatabase('dbt_shop');
  await execSql(db.url, shopWarehouseSql(db.name));
  om = await startOpenMetadataDouble({ token: 'test-token-0123456789' });
  om.addUser('alice');
  om.addUser('bob');
  om.addUser('carol');
}, 120_000);

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

describe.each(MANIFEST_VERSIONS.map((version) => [version]))('dbt manifest v%s', (version) => {
  const service = `shop_v${version}`;
  const table = (path: string) => `${service}.${db.name}.${path}`;

  it('lands every model on the table the metadata workflow ingested, with lineage and tests, to the server and to a file', async () => {
    expect((await runMetadataRest({ url: db.url, double: om, serviceName: service })).exitCode).toBe(0);
    const files = await writeShopArtifacts(version, db.name);
    const result = await runDbt({ files, serviceName: service, double: om });
    const steps = result.status.steps.map((s) => ({ name: s.name, failures: s.failures, warnings: s.warnings }));
    expect(result.exitCode, JSON.stringify(steps)).toBe(0);
    expect(steps.flatMap((s) => s.warnings)).toEqual([]);

    const relations = expectedRelations(version, service, db.name);
    expect(relations.size).toBe(12);
    for (const [fqn, resourceType] of relations) {
      expect(om.get('table', fqn), fqn).toBeDefined();
      expect(om.dataModel(fqn), fqn).toMatchObject({ modelType: 'DBT', resourceType });
    }

    const orders = om.get('table', table('analytics.orders')) as any;
    expect(orders.description).toBe('One row per order, with what has been paid for it.');
    expect(orders.columns.find((c: any) => c.name === 'status').description).toBe('One of placed, shipped, completed or returned.');
    expect(orders.tags.map((t: any) => t.tagFQN).sort()).toEqual(['dbtTags.daily', 'dbtTags.finance']);
    const model = om.dataModel(table('analytics.orders')) as any;
    expect(model.path).toBe('models/marts/orders.sql');
    expect(model.sql).toContain(`"${db.name}"."analytics_staging"."stg_orders"`);
    expect(model.rawSql).toContain("{{ ref('stg_orders') }}");
    expect([...model.upstream].sort()).toEqual([table('analytics_staging.stg_orders'), table('analytics_staging.stg_payments')]);
    const customers = om.get('table', table('analytics.customers')) as any;
    expect(customers.columns.find((c: any) => c.name === 'email').tags.map((t: any) => t.tagFQN)).toEqual(['dbtTags.pii']);
    const ownerName = (fqn: string) => {
      const entity = om.get('table', fqn) as any;
      const owner = entity.owner ?? entity.owners?.[0];
      return owner && (om.entities('user').find((u) => u.id === owner.id) as any)?.name;
    };
    expect(ownerName(table('analytics.orders'))).toBe('alice');
    expect(ownerName(table('analytics.customers'))).toBe('bob');
    expect(ownerName(table('raw.customers'))).toBe('carol');

    const edges = om
      .lineageEdges()
      .filter((e) => e.lineageDetails?.source === 'DbtLineage' && e.toEntity.fullyQualifiedName.startsWith(`${service}.`))
      .map((e) => `${e.fromEntity.fullyQualifiedName} -> ${e.toEntity.fullyQualifiedName}`)
      .sort();
    expect(edges).toEqual(expectedEdges(version, service, db.name));
    const intoOrders = om
      .lineageEdges()
      .find(
        (e) =>
          e.toEntity.fullyQualifiedName === table('analytics.orders') && e.fromEntity.fullyQualifiedName === table('analytics_staging.stg_payments'),
      );
    expect(intoOrders?.lineageDetails?.columnsLineage).toEqual([
      { fromColumns: [`${table('analytics_staging.stg_payments')}.amount`], toColumn: `${table('analytics.orders')}.paid_amount` },
    ]);

    for (const [name, entity, status] of TESTS) {
      const testCase = om.testCase(`${table(entity)}.${name}`);
      expect(testCase, name).toBeDefined();
      expect(testCase?.results.map((r) => r.testCaseStatus)).toEqual([status]);
    }
    expect(om.testDefinition('accepted_values')).toMatchObject({ testPlatforms: ['DBT'], entityType: 'COLUMN' });
    expect(om.testCase(`${table('raw.orders')}.orders_freshness`)?.body.parameterValues).toEqual([
      { name: 'warn_after', value: '2 day' },
      { name: 'error_after', value: '7 day' },
    ]);

    const output = join(files.dir, 'dbt.ndjson');
    const toFile = await runDbt({ files, serviceName: service, output });
    expect(toFile.exitCode).toBe(0);
    const records = await fileRecords(output);
    expect(new Set(records.filter((r) => r.type === 'dataModel').map((r) => r.data.table.fullyQualifiedName))).toEqual(new Set(relations.keys()));
    expect(
      records
        .filter((r) => r.type === 'addLineage')
        .map((r) => `${r.data.edge.fromEntity.fullyQualifiedName} -> ${r.data.edge.toEntity.fullyQualifiedName}`)
        .sort(),
    ).toEqual(edges);
    expect(records.filter((r) => r.type === 'testCaseResult').map((r) => r.data.testCaseResult.testCaseStatus)).toHaveLength(TESTS.length);
  });
});
