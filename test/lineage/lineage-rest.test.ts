// The lineage workflow into OpenMetadata (the API double): edges land between the tables the metadata workflow
// created, with their column lineage; a second run adds nothing twice and keeps the columns the server holds; a table
// the server lacks is a warning, not a failure; a file sink's lineage replays through `push` to the same result.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { FileReplaySource } from '../../src/sinks/file-replay-source.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { serverMajor } from '../support/fixture-db.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { lineageWorkflow } from '../support/run-lineage.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';

let db: TestDatabase;
let om: OpenMetadataDouble;
let dir: string;

function restLineage(sourceConfig: Record<string, unknown> = {}): Record<string, any> {
  const workflow = lineageWorkflow(db.url, 'unused', sourceConfig) as Record<string, any>;
  workflow.sink = { type: 'metadata-rest', config: {} };
  workflow.workflowConfig.openMetadataServerConfig = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
  return workflow;
}

async function run(workflow: Record<string, unknown>, source?: FileReplaySource): Promise<RunResult> {
  const loaded = loadWorkflowText(JSON.stringify(workflow), 'lineage.yaml', {});
  return runWorkflow(loaded, { log: createLogger('ERROR', () => undefined), source });
}

/** `from -> to` of every edge the double holds, with `column <- source columns` pairs. */
function storedEdges(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const edge of om.lineageEdges()) {
    const details = edge.lineageDetails as { columnsLineage?: Array<{ fromColumns: string[]; toColumn: string }> } | null;
    const pairs = (details?.columnsLineage ?? [])
      .flatMap((c) => c.fromColumns.map((f) => `${f.split('.').pop()} -> ${c.toColumn.split('.').pop()}`))
      .sort();
    out.set(`${edge.fromEntity.fullyQualifiedName} -> ${edge.toEntity.fullyQualifiedName}`, pairs);
  }
  return out;
}

/** PUTs an edge as a person (or another tool) would, beside the workflow; answers the status. */
async function putEdge(fromId: string | undefined, toId: string | undefined, lineageDetails: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${om.baseUrl}/v1/lineage`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
    body: JSON.stringify({ edge: { fromEntity: { id: fromId, type: 'table' }, toEntity: { id: toId, type: 'table' }, lineageDetails } }),
  });
  return response.status;
}

beforeAll(async () => {
  db = await createTestDatabase('lineage_rest');
  await buildWarehouse(db.url, await serverMajor(db.url));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  const metadata = await runMetadataRest({ url: db.url, double: om, serviceName: 'wh' });
  expect(metadata.exitCode).toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'omgen-lineage-rest-'));
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lineage into OpenMetadata', () => {
  const fqn = (table: string) => `wh.${db.name}.${table}`;

  it('puts each edge once, between the server tables, with its column lineage', async () => {
    const result = await run(restLineage());
    expect(result.exitCode).toBe(0);
    const edges = storedEdges();
    expect(edges.get(`${fqn('raw.orders')} -> ${fqn('mart.daily_revenue')}`)).toEqual(['amount -> revenue', 'ordered_at -> day']);
    expect(edges.get(`${fqn('raw.customers')} -> ${fqn('mart.big_orders')}`)).toEqual(['name -> customer']);
    expect(result.status.step('OpenMetadata')?.records).toBe(om.lineageEdges().length);
    // An edge from a function's body names the function, by the id the metadata workflow gave it.
    const archived = om.lineageEdges().find((e) => e.toEntity.fullyQualifiedName === fqn('mart.region_archive'));
    expect(archived?.lineageDetails?.pipeline).toMatchObject({ type: 'storedProcedure', fullyQualifiedName: fqn('mart.archive_regions') });
  });

  it('keeps what the server holds on a second run: no duplicate edge, no lost column', async () => {
    const before = storedEdges();
    // A person (or another tool) added a column pair to an edge on the server.
    const edge = om
      .lineageEdges()
      .find((e) => e.toEntity.fullyQualifiedName === fqn('mart.daily_revenue') && e.fromEntity.fullyQualifiedName === fqn('raw.orders'));
    const extra = { fromColumns: [`${fqn('raw.orders')}.id`], toColumn: `${fqn('mart.daily_revenue')}.orders` };
    const details = edge?.lineageDetails as { columnsLineage: unknown[] };
    expect(await putEdge(edge?.fromEntity.id, edge?.toEntity.id, { ...details, columnsLineage: [...details.columnsLineage, extra] })).toBe(200);
    const result = await run(restLineage());
    expect(result.exitCode).toBe(0);
    const after = storedEdges();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get(`${fqn('raw.orders')} -> ${fqn('mart.daily_revenue')}`)).toEqual(['amount -> revenue', 'id -> orders', 'ordered_at -> day']);
  });

  it('warns about an edge whose table the server lacks, and sends the rest', async () => {
    await execSql(db.url, ['create table mart.late_arrival (id int)', 'insert into mart.late_arrival select id from raw.orders']);
    const result = await run(restLineage());
    expect(result.exitCode).toBe(0);
    const sink = result.status.step('OpenMetadata');
    expect(sink?.failures).toEqual([]);
    expect(sink?.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/late_arrival is not on the server \(run the metadata workflow first\)/),
    );
  });

  it('with overrideViewLineage, replaces the view lineage into a redefined view; without it, keeps the old edges', async () => {
    const view = fqn('mart.big_orders');
    const intoView = () => new Map([...storedEdges()].filter(([key]) => key.endsWith(` -> ${view}`)));
    const viewId = om.get('table', view)?.id as string;
    const deletes = () => om.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/${viewId}/type/ViewLineage`)).length;
    // Every edge into the view is now the view lineage's.
    expect((await run(restLineage({ overrideViewLineage: true }))).exitCode).toBe(0);
    expect(deletes()).toBe(1);
    expect(intoView().get(`${fqn('raw.customers')} -> ${view}`)).toEqual(['name -> customer']);
    const manualFrom = om.get('table', fqn('mart.daily_revenue'));
    expect(await putEdge(manualFrom?.id as string, viewId, { source: 'Manual' })).toBe(200);
    // The view no longer reads raw.customers; its columns stay the same, so the server's table still fits it.
    await execSql(db.url, [
      'drop view mart.big_orders',
      'create view mart.big_orders as select o.id, o.amount, o.status as customer from raw.orders o where o.amount > 100',
    ]);
    try {
      // pg_stat_statements holds both CREATE VIEW statements now; neither adds an edge (query lineage runs too).
      // OpenMetadata's default: view lineage is added to, so the edge from raw.customers outlives the view's change.
      expect((await run(restLineage())).exitCode).toBe(0);
      expect(intoView().has(`${fqn('raw.customers')} -> ${view}`)).toBe(true);
      expect(deletes()).toBe(1);
      const overridden = await run(restLineage({ overrideViewLineage: true }));
      expect(overridden.exitCode).toBe(0);
      expect(overridden.status.step('OpenMetadata')?.failures).toEqual([]);
      expect(deletes()).toBe(2);
      // The hand-drawn edge stays; the view's edges are exactly its new definition's.
      expect(intoView()).toEqual(
        new Map([
          [`${fqn('mart.daily_revenue')} -> ${view}`, []],
          [`${fqn('raw.orders')} -> ${view}`, ['amount -> amount', 'id -> id', 'status -> customer']],
        ]),
      );
      // Redefined to read no table at all: no edge is found, and its view lineage still goes.
      await execSql(db.url, [
        'drop view mart.big_orders',
        "create view mart.big_orders as select 1 as id, 2::numeric as amount, 'x'::text as customer",
      ]);
      const emptied = await run(restLineage({ overrideViewLineage: true }));
      expect(emptied.exitCode).toBe(0);
      expect(deletes()).toBe(3);
      expect(intoView()).toEqual(new Map([[`${fqn('mart.daily_revenue')} -> ${view}`, []]]));
    } finally {
      await execSql(db.url, [
        'drop view mart.big_orders',
        `create view mart.big_orders as select o.id, o.amount, c.name as customer from raw.orders o join raw.customers c on c.id = o.customer_id where o.amount > 100`,
      ]);
    }
  });

  it('replays an overriding file run through push as it ran, whatever the pushing config says of overrideViewLineage', async () => {
    const view = fqn('mart.big_orders');
    const id = (table: string) => om.get('table', table)?.id as string;
    // Stale column pairs on the view's edges, as an older definition would have left them.
    const stale = (from: string, fromColumn: string, toColumn: string) => ({
      source: 'ViewLineage',
      columnsLineage: [{ fromColumns: [`${fqn(from)}.${fromColumn}`], toColumn: `${view}.${toColumn}` }],
    });
    expect(await putEdge(id(fqn('raw.customers')), id(view), stale('raw.customers', 'name', 'id'))).toBe(200);
    expect(await putEdge(id(fqn('raw.orders')), id(view), stale('raw.orders', 'status', 'customer'))).toBe(200);
    const file = join(dir, 'override.ndjson');
    expect((await run(lineageWorkflow(db.url, file, { overrideViewLineage: true }))).exitCode).toBe(0);
    const types = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types.filter((type) => type === 'clearViewLineage')).toHaveLength(2);
    // Pushed with a config that does not override: the file's own clear records still replace the view's lineage.
    const before = om.requests.length;
    const pushed = await run(restLineage(), new FileReplaySource(file));
    expect(pushed.exitCode).toBe(0);
    // Replaced, not merged: no edge into the view is read back to be merged (a read racing the delete could be).
    const merged = om.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.includes('/getLineageEdge/') && r.path.endsWith(`/${id(view)}`));
    expect(merged).toEqual([]);
    const edges = storedEdges();
    expect(edges.get(`${fqn('raw.customers')} -> ${view}`)).toEqual(['name -> customer']);
    expect(edges.get(`${fqn('raw.orders')} -> ${view}`)).toEqual(['amount -> amount', 'id -> id']);
  });

  it('replays a file sink run through push to the same edges', async () => {
    const file = join(dir, 'lineage.ndjson');
    const toFile = lineageWorkflow(db.url, file);
    expect((await run(toFile)).exitCode).toBe(0);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const fresh = await startOpenMetadataDouble({ token: TEST_TOKEN });
    try {
      const previous = om;
      om = fresh;
      expect((await runMetadataRest({ url: db.url, double: fresh, serviceName: 'wh' })).exitCode).toBe(0);
      const pushed = await run(restLineage(), new FileReplaySource(file));
      expect(pushed.exitCode).toBe(0);
      expect(storedEdges().get(`${fqn('raw.orders')} -> ${fqn('mart.daily_revenue')}`)).toEqual(['amount -> revenue', 'ordered_at -> day']);
      expect(fresh.lineageEdges().length).toBe(lines.length);
      om = previous;
    } finally {
      await fresh.stop();
    }
  });
});
