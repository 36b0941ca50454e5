// The dbt fixtures (test/fixtures/dbt) stay true to themselves and to Postgres: the committed artifacts are what the
// generator makes, the warehouse SQL builds every relation the catalog describes with exactly those columns, the
// build outcomes recorded in run_results are what the data gives, and each manifest version has the shape the
// dbt reader will meet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_VERSIONS, shopArtifacts, type ManifestVersion } from '../fixtures/dbt/artifacts.js';
import { wrapTestSql } from '../fixtures/dbt/compile.js';
import { unitTestSql } from '../fixtures/dbt/unit-test-sql.js';
import { shopWarehouseSql } from '../fixtures/dbt/warehouse.js';
import { FIXTURE_DIR, fixtureFiles } from '../fixtures/dbt/write-fixtures.js';
import { createTestDatabase, execSql, withClient } from '../support/pg.js';

type Obj = Record<string, unknown>;

interface Node extends Obj {
  unique_id: string;
  resource_type: string;
  schema: string;
  alias: string;
  config: Obj;
  depends_on: { macros: string[]; nodes?: string[] };
}

interface ManifestShape extends Obj {
  metadata: Obj;
  nodes: Record<string, Node>;
  sources: Record<string, Node>;
  metrics: Record<string, Obj>;
  disabled: Record<string, Node[]>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
}

interface CatalogEntry {
  metadata: { type: string; schema: string; name: string };
  columns: Record<string, { type: string; index: number; name: string; comment: null }>;
}

interface RunResult extends Obj {
  unique_id: string;
  status: string;
  failures: number | null;
  message: string | null;
  adapter_response: Obj;
}

function artifacts(v: ManifestVersion, database = 'shop') {
  const a = shopArtifacts(v, { database });
  return {
    manifest: a.manifest as ManifestShape,
    catalog: a.catalog as { nodes: Record<string, CatalogEntry>; sources: Record<string, CatalogEntry> },
    runResults: a.runResults as { metadata: Obj; results: RunResult[] },
    sources: a.sources as { results: Obj[] },
  };
}

describe('dbt fixtures: committed files', () => {
  it.each(MANIFEST_VERSIONS)('v%i equals the generator output (run test/fixtures/dbt/write-fixtures.ts after a change)', (v) => {
    for (const [name, content] of Object.entries(fixtureFiles(v))) {
      const committed = readFileSync(join(FIXTURE_DIR, `v${v}`, name), 'utf8');
      expect(committed === content, `test/fixtures/dbt/v${v}/${name} is stale`).toBe(true);
    }
  });

  it('is deterministic', () => {
    expect(shopArtifacts(12, { database: 'shop' })).toEqual(shopArtifacts(12, { database: 'shop' }));
  });
});

describe('dbt fixtures: the warehouse `dbt build` leaves', () => {
  it('has every relation of the manifest, with the catalog columns, and the data behind each recorded outcome', async () => {
    const db = await createTestDatabase('dbt_fix');
    try {
      await execSql(db.url, shopWarehouseSql(db.name));
      const { manifest, catalog, runResults, sources } = artifacts(12, db.name);
      await withClient(db.url, async (c) => {
        const columnsOf = async (schema: string, table: string) =>
          (
            await c.query<{ column_name: string; data_type: string; ordinal_position: number }>(
              'select column_name, data_type, ordinal_position from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
              [schema, table],
            )
          ).rows.map((r) => ({ name: r.column_name, type: r.data_type, index: r.ordinal_position }));
        const tableType = async (schema: string, table: string) =>
          (
            await c.query<{ table_type: string }>('select table_type from information_schema.tables where table_schema = $1 and table_name = $2', [
              schema,
              table,
            ])
          ).rows[0]?.table_type;

        const relational = Object.values(manifest.nodes).filter(
          (n) => ['model', 'seed', 'snapshot'].includes(n.resource_type) && n.config.materialized !== 'ephemeral',
        );
        expect(relational.map((n) => n.unique_id).sort()).toEqual(Object.keys(catalog.nodes).sort());
        for (const n of [...relational, ...Object.values(manifest.sources)]) {
          const entry = n.resource_type === 'source' ? catalog.sources[n.unique_id] : catalog.nodes[n.unique_id];
          const table = n.resource_type === 'source' ? String(n.identifier) : n.alias;
          expect({ schema: entry.metadata.schema, name: entry.metadata.name }).toEqual({ schema: n.schema, name: table });
          expect(await columnsOf(n.schema, table), n.unique_id).toEqual(
            Object.values(entry.columns).map(({ name, type, index }) => ({ name, type, index })),
          );
          expect(await tableType(n.schema, table), n.unique_id).toBe(entry.metadata.type);
        }

        // Row counts behind the "SELECT n" / "INSERT n" messages.
        for (const r of runResults.results) {
          const n = manifest.nodes[r.unique_id];
          const rows = r.adapter_response.rows_affected;
          if (!n || typeof rows !== 'number' || rows < 0) continue;
          const count = await c.query<{ n: string }>(`select count(*) as n from "${n.schema}"."${n.alias}"`);
          expect(Number(count.rows[0].n), r.unique_id).toBe(rows);
        }

        // Each test's recorded outcome is what its compiled SQL finds in the data.
        for (const r of runResults.results.filter((x) => x.unique_id.startsWith('test.'))) {
          const code = manifest.nodes[r.unique_id].compiled_code;
          if (r.status === 'skipped') continue;
          if (typeof code !== 'string') throw new Error(`${r.unique_id} has no compiled code`);
          if (r.status === 'error') {
            const err = await c.query(wrapTestSql(code)).then(
              () => null,
              (e: Error & { position?: string }) => e,
            );
            expect(err?.message).toBe('column "total" does not exist');
            const line = wrapTestSql(code)
              .slice(0, Number(err?.position) - 1)
              .split('\n').length;
            expect(r.message).toContain(`\n  column "total" does not exist\n  LINE ${line}:`);
            continue;
          }
          const got = await c.query<{ failures: string }>(wrapTestSql(code));
          expect(Number(got.rows[0].failures), r.unique_id).toBe(r.failures);
        }

        // dbt compares the two sides of a unit test as values, so 12.5 and 12.5000 are equal: compare in SQL too.
        const side = (name: string) =>
          `select order_id, amount, paid_amount, payment_count from (${unitTestSql()}) u where actual_or_expected = '${name}'`;
        expect((await c.query(unitTestSql())).rowCount).toBe(2);
        expect((await c.query(`${side('actual')} except ${side('expected')}`)).rows).toEqual([]);

        const latest = await c.query<{ at: Date }>('select max(ordered_at)::timestamptz as at from raw.orders');
        expect(sources.results[0].max_loaded_at).toBe(latest.rows[0].at.toISOString().replace('.000Z', '+00:00'));
      });
    } finally {
      await db.drop();
    }
  });
});

describe('dbt fixtures: per-version facts the reader relies on', () => {
  const runResultsVersion: Record<ManifestVersion, number> = { 6: 4, 7: 4, 8: 4, 9: 4, 10: 4, 11: 5, 12: 6 };

  it.each(MANIFEST_VERSIONS)('v%i', (v) => {
    const { manifest, runResults } = artifacts(v);
    const orders = manifest.nodes['model.shop.orders'];
    expect(manifest.metadata.dbt_schema_version).toBe(`https://schemas.getdbt.com/dbt/manifest/v${v}.json`);
    expect(runResults.metadata.dbt_schema_version).toBe(`https://schemas.getdbt.com/dbt/run-results/v${runResultsVersion[v]}.json`);
    expect(runResults.metadata.invocation_id).toBe(manifest.metadata.invocation_id);
    expect('project_name' in manifest.metadata).toBe(v >= 10);

    // SQL keys: raw_sql/compiled_sql in v6, raw_code/compiled_code and a language from v7.
    const [raw, compiled] = v === 6 ? ['raw_sql', 'compiled_sql'] : ['raw_code', 'compiled_code'];
    expect(Object.keys(orders)).toEqual(expect.arrayContaining([raw, compiled]));
    expect(orders).not.toHaveProperty(v === 6 ? 'raw_code' : 'raw_sql');
    expect(orders).not.toHaveProperty(v === 6 ? 'compiled_code' : 'compiled_sql');
    expect(orders.language).toBe(v === 6 ? undefined : 'sql');
    expect(String(orders[compiled])).toMatch(/with __dbt__cte__int_order_payments as \(/);
    expect(String(orders[compiled])).toContain('from "shop"."analytics_staging"."stg_payments"');

    expect(orders.refs).toEqual(
      v >= 9
        ? [
            { name: 'stg_orders', package: null, version: null },
            { name: 'int_order_payments', package: null, version: null },
          ]
        : [['stg_orders'], ['int_order_payments']],
    );
    expect('root_path' in orders).toBe(v <= 7);
    expect('deferred' in orders).toBe(v <= 11);
    expect(manifest.nodes['model.shop.customer_ltv'].relation_name).toBe('"shop"."analytics"."customer_lifetime_value"');
    expect(manifest.nodes['model.shop_utils.calendar'].package_name).toBe('shop_utils');
    expect(Object.keys(manifest.disabled)).toEqual(['model.shop.legacy_orders']);

    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === 'test');
    for (const t of tests.filter((x) => 'test_metadata' in x)) expect(t.unique_id).toMatch(/^test\.shop\.\w+\.[0-9a-f]{10}$/);
    expect(tests.every((t) => 'attached_node' in t === (v >= 9 && 'test_metadata' in t))).toBe(true);

    for (const key of ['groups', 'group_map']) expect(key in manifest).toBe(v >= 9);
    expect('semantic_models' in manifest).toBe(v >= 10);
    expect('saved_queries' in manifest).toBe(v >= 11);
    expect('unit_tests' in manifest).toBe(v >= 12);
    const metric = manifest.metrics['metric.shop.total_revenue'];
    const metricShape = v === 6 ? 'sql' : v <= 9 ? 'calculation_method' : 'type_params';
    expect(metric).toHaveProperty(metricShape);

    expect(manifest.parent_map['model.shop.customers']).toEqual(['model.shop.orders', 'model.shop.stg_customers', 'seed.shop.country_codes']);
    expect(manifest.child_map['source.shop.raw.orders']).toEqual(expect.arrayContaining(['model.shop.stg_orders', 'snapshot.shop.orders_snapshot']));

    const known = new Set([...Object.keys(manifest.nodes), ...Object.keys((manifest.unit_tests as Obj | undefined) ?? {})]);
    expect(runResults.results.filter((r) => !known.has(r.unique_id))).toEqual([]);
    expect(runResults.results.every((r) => 'compiled_code' in r === v >= 11)).toBe(true);
    const statuses = Object.fromEntries(runResults.results.map((r) => [r.unique_id.split('.')[2], r.status]));
    expect(statuses).toMatchObject({
      orders: 'success',
      country_codes: 'success',
      orders_snapshot: 'success',
      accepted_values_orders_status__placed__shipped__completed__returned: 'fail',
      shop_utils_expression_is_true_orders_amount_0: 'warn',
      assert_positive_total: 'error',
      relationships_orders_customer_id__customer_id__ref_customers_: 'skipped',
      source_unique_raw_customers_id: 'pass',
    });
  });
});
