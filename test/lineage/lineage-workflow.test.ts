// The lineage workflow end to end on real Postgres 11 and 18: a warehouse workload is run, read back from
// pg_stat_statements, and the edges (table and column) land in the file sink, with view lineage from the catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { execSql, startMajor } from '../support/pg.js';
import type { OutputLine } from '../support/run-metadata.js';
import { runLineage } from '../support/run-lineage.js';

type Edge = {
  edge: {
    fromEntity: { fullyQualifiedName: string };
    toEntity: { fullyQualifiedName: string };
    lineageDetails: {
      source: string;
      sqlQuery: string;
      columnsLineage: Array<{ fromColumns: string[]; toColumn: string }>;
      pipeline?: { type: string; fullyQualifiedName: string };
    };
  };
};

function edgesOf(lines: OutputLine[]): Map<string, Edge['edge']> {
  const edges = new Map<string, Edge['edge']>();
  for (const line of lines) {
    expect(line.type).toBe('addLineage');
    const { edge } = line.data as Edge;
    const key = `${edge.fromEntity.fullyQualifiedName} -> ${edge.toEntity.fullyQualifiedName}`;
    expect(edges.has(key), `edge ${key} sent twice`).toBe(false);
    edges.set(key, edge);
  }
  return edges;
}

const columnPairs = (edge: Edge['edge'] | undefined): string[] =>
  (edge?.lineageDetails.columnsLineage ?? [])
    .flatMap((c) => c.fromColumns.map((from) => `${from.split('.').pop()} -> ${c.toColumn.split('.').pop()}`))
    .sort();

for (const major of ['pg11', 'pg18'] as const) {
  describe(`lineage workflow on ${major}`, () => {
    let server: EmbeddedPostgres;
    let url: string;
    let db: string;

    beforeAll(async () => {
      server = await startMajor(major);
      db = 'warehouse';
      await execSql(server.url, `create database ${db}`);
      url = server.url.replace(/\/postgres$/, `/${db}`);
      await buildWarehouse(url, server.major);
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('sends table and column lineage of the workload, and view lineage checked against pg_depend', async () => {
      const { result, lines } = await runLineage(url);
      expect(result.exitCode).toBe(0);
      const edges = edgesOf(lines);
      const facts = result.status.step('Postgres')?.facts;
      const fqn = (t: string) => `wh.${db}.${t}`;
      const revenue = edges.get(`${fqn('raw.orders')} -> ${fqn('mart.daily_revenue')}`);
      expect(revenue?.lineageDetails.source).toBe('QueryLineage');
      expect(revenue?.lineageDetails.sqlQuery).toMatch(/insert into mart\.daily_revenue/);
      expect(columnPairs(revenue)).toEqual(['amount -> revenue', 'ordered_at -> day']);
      expect(columnPairs(edges.get(`${fqn('raw.customers')} -> ${fqn('mart.daily_revenue')}`))).toEqual(['region -> region']);
      expect(columnPairs(edges.get(`${fqn('raw.orders')} -> ${fqn('mart.vip_customers')}`))).toEqual(['amount -> spent']);
      expect(columnPairs(edges.get(`${fqn('raw.orders')} -> ${fqn('mart.customer_status')}`))).toContain('status -> last_status');
      const view = edges.get(`${fqn('raw.customers')} -> ${fqn('mart.big_orders')}`);
      expect(view?.lineageDetails.source).toBe('ViewLineage');
      expect(columnPairs(view)).toEqual(['name -> customer']);
      expect(columnPairs(edges.get(`${fqn('raw.orders')} -> ${fqn('mart.region_totals')}`))).toEqual(['amount -> total']);
      // Function bodies, never run: PL/pgSQL and SQL, each edge naming its routine.
      const archived = edges.get(`${fqn('mart.region_totals')} -> ${fqn('mart.region_archive')}`);
      expect(archived?.lineageDetails.pipeline).toEqual({ type: 'storedProcedure', fullyQualifiedName: fqn('mart.archive_regions') });
      expect(columnPairs(archived)).toEqual(['region -> region', 'total -> total']);
      const status = edges.get(`${fqn('raw.orders')} -> ${fqn('mart.customer_status')}`);
      expect(status?.lineageDetails.pipeline?.fullyQualifiedName).toBe(fqn('mart.refresh_status'));
      expect(columnPairs(status)).toEqual(['customer_id -> customer_id', 'status -> last_status']);
      expect(facts?.get('function and procedure bodies read')).toBe('2 of 2');
      // A plain SELECT is no lineage; the worker's own catalog reads are none either.
      for (const key of edges.keys()) expect(key).not.toMatch(/pg_catalog|information_schema/);
      expect(facts?.get('view lineage against pg_depend')).toMatch(/^2 views: 4 edges confirmed, 0 contradicted, 0 missed/);
      expect(facts?.get('statements parsed')).toMatch(/^100\.0 %/);
    });

    it('ANDs filterCondition into the query over pg_stat_statements, as OpenMetadata does', async () => {
      const { result, lines } = await runLineage(url, {
        filterCondition: "query not ilike '%daily_revenue%'",
        processViewLineage: false,
        processStoredProcedureLineage: false,
      });
      expect(result.exitCode).toBe(0);
      const targets = new Set(lines.map((l) => (l.data as Edge).edge.toEntity.fullyQualifiedName));
      expect(targets.has(`wh.${db}.mart.vip_customers`)).toBe(true);
      expect(targets.has(`wh.${db}.mart.daily_revenue`)).toBe(false);
    });

    it('exits 3 and names the fix when pg_stat_statements is not installed in the database', async () => {
      await execSql(server.url, 'create database bare');
      const { result, lines } = await runLineage(server.url.replace(/\/postgres$/, '/bare'));
      expect(result.exitCode).toBe(3);
      expect(result.fatal?.message).toMatch(/pg_stat_statements is not installed in database bare: run CREATE EXTENSION pg_stat_statements/);
      expect(lines).toEqual([]);
    });
  });
}
