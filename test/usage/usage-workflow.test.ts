// The usage workflow end to end on real Postgres 11 and 18, read from pg_stat_statements as deltas: the first run
// counts the workload (calls, not rows of the view), a second run with no new queries sends no usage, new queries are
// counted once, and a pg_stat_statements_reset() between runs is reported and never counted twice.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { execSql, startMajor } from '../support/pg.js';
import { runLineage } from '../support/run-lineage.js';
import { runUsage, usageCounts } from '../support/run-usage.js';

for (const major of ['pg11', 'pg18'] as const) {
  describe(`usage workflow on ${major}`, () => {
    let server: EmbeddedPostgres;
    let url: string;
    let folder: string;
    const fqn = (table: string) => `wh.warehouse.${table}`;

    beforeAll(async () => {
      server = await startMajor(major);
      await execSql(server.url, 'create database warehouse');
      url = server.url.replace(/\/postgres$/, '/warehouse');
      await buildWarehouse(url, server.major);
      folder = await mkdtemp(join(tmpdir(), 'omgen-usage-'));
    });

    afterAll(async () => {
      await server?.stop();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('counts the workload: usage per table, the queries with their tables, and the joins', async () => {
      const { result, lines } = await runUsage(url, folder);
      expect(result.exitCode, result.fatal?.message).toBe(0);
      expect(result.status.steps.map((s) => s.name)).toEqual(['Postgres', 'Query Parser', 'Table Usage', 'Metadata Usage']);
      const counts = usageCounts(lines);
      expect(counts.get(fqn('mart.daily_revenue'))).toBe(1);
      expect(counts.get(fqn('raw.orders'))).toBeGreaterThanOrEqual(4);
      const query = lines.find(
        (l) => l.type === 'createQuery' && String((l.data as { query: string }).query).startsWith('insert into mart.daily_revenue'),
      );
      expect(query?.data).toMatchObject({ query_type: 'INSERT', service: 'wh', usedBy: ['postgres'] });
      const usedIn = (query?.data as { queryUsedIn: Array<{ fullyQualifiedName: string }> }).queryUsedIn.map((r) => r.fullyQualifiedName).sort();
      expect(usedIn).toEqual([fqn('mart.daily_revenue'), fqn('raw.customers'), fqn('raw.orders')]);
      const joins = lines.find(
        (l) => l.type === 'tableJoins' && (l.data as { table: { fullyQualifiedName: string } }).table.fullyQualifiedName === fqn('raw.orders'),
      );
      expect((joins?.data as { joins: { columnJoins: unknown[] } }).joins.columnJoins).toContainEqual({
        columnName: 'customer_id',
        joinedWith: expect.arrayContaining([{ fullyQualifiedName: fqn('raw.customers.id'), joinCount: expect.any(Number) }]),
      });
      expect(existsSync(join(folder, 'stage.pg_stat_statements.json'))).toBe(true);
      expect(existsSync(join(folder, 'stage')), 'the bulk sink removes the stage folder when done').toBe(false);
      expect(result.status.step('Postgres')?.facts.get('usage window')).toMatch(/first run/);
    });

    it('sends no usage when nothing ran since, however often the worker itself read the catalog', async () => {
      expect((await runLineage(url)).result.exitCode).toBe(0); // view definitions, catalog reads: the worker's own
      const { result, lines } = await runUsage(url, folder);
      expect(result.exitCode).toBe(0);
      expect(usageCounts(lines)).toEqual(new Map());
      expect(lines.filter((l) => l.type === 'createQuery')).toEqual([]);
    });

    it('counts new executions once: calls since the last run', async () => {
      await execSql(url, [
        'select count(*) from raw.orders where amount > 1',
        'select count(*) from raw.orders where amount > 2',
        'select count(*) from raw.orders where amount > 3',
      ]);
      const { lines } = await runUsage(url, folder);
      expect(usageCounts(lines)).toEqual(new Map([[fqn('raw.orders'), 3]]));
      const again = await runUsage(url, folder);
      expect(usageCounts(again.lines)).toEqual(new Map());
    });

    it("skips statements marked as OpenMetadata's or dbt's own, as OpenMetadata does", async () => {
      await execSql(url, [
        // Shapes of their own: pg_stat_statements keeps the text first seen for a shape, comments and constants aside.
        `select count(*) from raw.orders where status = 'marked'\n/* {"app": "OpenMetadata", "version": "1.4.0"} */`,
        `/* {"app": "dbt", "node_id": "model.x"} */ select count(*) from raw.customers where name = 'dbt'`,
      ]);
      const { lines } = await runUsage(url, folder);
      // Postgres 18 drops a leading comment from the text it records, so a leading marker cannot be seen there
      // (OpenMetadata cannot either); a trailing one, as om-worker writes, always can.
      expect(usageCounts(lines)).toEqual(server.major >= 18 ? new Map([[fqn('raw.customers'), 1]]) : new Map());
    });

    it('reports a pg_stat_statements reset and counts from it, nothing twice', async () => {
      await execSql(url, ['select pg_stat_statements_reset()', 'select count(*) from raw.customers where id > 5']);
      const { result, lines } = await runUsage(url, folder);
      expect(result.exitCode).toBe(0);
      expect(usageCounts(lines)).toEqual(new Map([[fqn('raw.customers'), 1]]));
      const warnings = result.status.step('Postgres')?.warnings.map((w) => w.message) ?? [];
      expect(warnings).toContainEqual(expect.stringMatching(/pg_stat_statements was reset since the last run/));
    });
  });
}
