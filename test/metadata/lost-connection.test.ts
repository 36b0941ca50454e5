// Losing Postgres mid-run (backends terminated, the server shutting down) stops the whole run with exit 3: no file
// written, nothing marked deleted, no record sent short of its DDL, the pipeline status failed. Each case holds the
// worker on a lock first, so the connection is lost while it is provably in the middle of its catalog reads.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { serverMajor } from '../support/fixture-db.js';
import { lockRelation, workerWaitsForLock } from '../support/locks.js';
import { createTestDatabase, execSql, startMajor, withClient, type TestDatabase } from '../support/pg.js';
import { metadataWorkflow } from '../support/run-metadata.js';
import { runMetadataRest, storedFqns } from '../support/run-metadata-rest.js';
import { jsonStep } from '../support/steps.js';

const TABLES = [
  'CREATE SCHEMA shop',
  'CREATE TABLE shop.customers (id integer PRIMARY KEY, name text NOT NULL)',
  'CREATE TABLE shop.orders (id integer PRIMARY KEY, customer_id integer REFERENCES shop.customers (id), total numeric(10,2))',
  'CREATE TABLE shop.lines (id integer PRIMARY KEY, qty integer NOT NULL, price numeric(10,2), amount numeric GENERATED ALWAYS AS (qty * price) STORED)',
  'CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100',
];

async function terminateWorkerSessions(url: string, database: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query(
      "select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'om-worker') t",
      [database],
    );
    return r.rows[0].n as number;
  });
}

/** Runs the file-sink workflow in-process in `dir`, leaving the folder for the test to inspect. */
function runToFile(url: string, dir: string, connection: Record<string, unknown> = {}): Promise<RunResult> {
  const workflow = metadataWorkflow({ url, connection }, join(dir, 'out.ndjson'));
  const loaded = loadWorkflowText(JSON.stringify(workflow), 'wf.yaml', {});
  return runWorkflow(loaded, { log: createLogger('ERROR', () => undefined) });
}

function expectLostRun(result: RunResult): void {
  expect(result.exitCode).toBe(3);
  expect(result.fatal?.message).toMatch(/^lost the connection to Postgres /);
  const status = result.status.toJSON();
  expect(status.pipelineState).toBe('failed');
  expect(status.fatalError).toMatch(/lost the connection to Postgres/);
  // No relation is blamed for the server's absence.
  expect(jsonStep(status, 'Postgres').failures).toEqual([]);
  expect(jsonStep(status, 'Postgres').warningMessages).toEqual([]);
}

describe('backends terminated while the worker reads view definitions', () => {
  let db: TestDatabase;
  let dir: string;
  let result: RunResult;
  let terminated = 0;

  beforeAll(async () => {
    db = await createTestDatabase('lost_terminate');
    await execSql(db.url, TABLES);
    dir = await mkdtemp(join(tmpdir(), 'omgen-lost-'));
    const lock = await lockRelation(db.url, 'shop.big_orders');
    try {
      const running = runToFile(db.url, dir);
      await workerWaitsForLock(db.url, db.name);
      terminated = await terminateWorkerSessions(db.url, db.name);
      result = await running;
    } finally {
      await lock.release();
    }
  });

  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ends the run with exit 3, the pipeline failed, and no relation blamed', () => {
    expect(terminated).toBeGreaterThan(0);
    expectLostRun(result);
  });

  it('writes no file and leaves no temporary file behind', async () => {
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('backends terminated while the worker reads the DDL of a table the server already holds', () => {
  const PIPELINE = 'svc.nightly';
  let db: TestDatabase;
  let double: OpenMetadataDouble;
  let major: number;
  let result: RunResult | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('lost_ddl');
    major = await serverMajor(db.url);
    await execSql(db.url, [...TABLES, 'CREATE TABLE shop.legacy (id integer)']);
    double = await startOpenMetadataDouble({ token: 'test-token-0123456789' });
    const first = await runMetadataRest({ url: db.url, double });
    expect(first.exitCode).toBe(0);
    // Only since Postgres 16 does printing a generation expression wait for the table's lock.
    if (major < 16) return;
    await execSql(db.url, ['DROP TABLE shop.legacy', 'ALTER TABLE shop.orders ADD COLUMN note text']);
    const lock = await lockRelation(db.url, 'shop.lines');
    try {
      // lock_timeout bounded: without the fix the one-table retry would give up and send the table without DDL. It
      // stays well above the time the test takes to see the wait and cut the sessions, even on a loaded machine.
      const running = runMetadataRest({
        url: db.url,
        double,
        connection: { connectionArguments: { options: '-c lock_timeout=5000' } },
        top: { ingestionPipelineFQN: PIPELINE },
      });
      await workerWaitsForLock(db.url, db.name);
      await terminateWorkerSessions(db.url, db.name);
      result = await running;
    } finally {
      await lock.release();
    }
  });

  afterAll(async () => {
    await double?.stop();
    await db?.drop();
  });

  it('ends with exit 3 and the pipeline failed', (context) => {
    if (!result) return context.skip();
    expectLostRun(result);
  });

  it('reports the ingestion pipeline failed', (context) => {
    if (!result) return context.skip();
    expect(double.pipelineStatuses(PIPELINE).map((s) => s.pipelineState)).toEqual(['failed']);
  });

  it('leaves the DDL the server holds as it was', (context) => {
    if (!result) return context.skip();
    const stored = double.entities('table').find((t) => String(t.fullyQualifiedName).endsWith('shop.lines'));
    expect(String(stored?.schemaDefinition)).toMatch(/GENERATED ALWAYS AS/);
  });

  it('marks nothing deleted, though a table is gone from the source', (context) => {
    if (!result) return context.skip();
    expect(storedFqns(double, 'table').some((fqn) => fqn.endsWith('shop.legacy'))).toBe(true);
  });
});

describe('the server shutting down mid-run', () => {
  let dir: string;
  let result: RunResult;

  beforeAll(async () => {
    const server = await startMajor('pg18');
    dir = await mkdtemp(join(tmpdir(), 'omgen-lost-'));
    try {
      await execSql(server.url, TABLES);
      const lock = await lockRelation(server.url, 'shop.big_orders');
      const running = runToFile(server.url, dir);
      await workerWaitsForLock(server.url, 'postgres');
      await server.stop(); // fast shutdown: every session is terminated, then the port closes
      result = await running;
      await lock.release();
    } finally {
      await server.stop();
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ends with exit 3 and writes nothing', async () => {
    expectLostRun(result);
    expect(await readdir(dir)).toEqual([]);
  });
});
