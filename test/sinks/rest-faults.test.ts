// The metadata-rest sink through server faults: 503s, bursts of 429 with Retry-After, responses cut mid-body. Every
// run must end with exit 0 and every entity present exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenMetadataDouble, type OpenMetadataDouble, type RequestRecord } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata } from '../support/run-metadata.js';
import { ENTITY_TYPE_OF, expectedFqns, runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';
import type { EntityType } from '../support/openmetadata-double/types.js';
import { bulkTablesSql } from './rest-fixture.js';

const TABLES = 50;

let db: TestDatabase;
let om: OpenMetadataDouble;
let expected: Map<EntityType, string[]>;

beforeAll(async () => {
  db = await createTestDatabase('rest_faults');
  await execSql(db.url, bulkTablesSql(TABLES));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  expected = expectedFqns((await runMetadata({ url: db.url })).records);
  expect(expected.get('table')).toHaveLength(TABLES + 1);
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

beforeEach(() => om.reset());

/** Runs once against the double as it is now; asserts exit 0, no failures, and every entity there exactly once. */
async function runAndCheck(): Promise<void> {
  const result = await runMetadataRest({ url: db.url, double: om });
  expect(result.fatal).toBeUndefined();
  expect(result.exitCode).toBe(0);
  expect(result.status.steps.flatMap((s) => s.failures)).toEqual([]);
  for (const type of new Set(Object.values(ENTITY_TYPE_OF))) {
    const all = om.entities(type).map((e) => String(e.fullyQualifiedName));
    expect(all.sort(), type).toEqual(expected.get(type) ?? []);
    expect(
      om.entities(type).every((e) => e.deleted === false),
      type,
    ).toBe(true);
    expect(new Set(om.entities(type).map((e) => e.id)).size, type).toBe(all.length);
  }
}

/** The request the client sent next with the same method, path, query and body: its retry. */
function retryOf(requests: readonly RequestRecord[], index: number): RequestRecord | undefined {
  const r = requests[index];
  const key = (x: RequestRecord) => `${x.method} ${x.path}${x.query} ${JSON.stringify(x.body ?? null)}`;
  return requests.slice(index + 1).find((next) => key(next) === key(r));
}

/** Calls `action` once, as soon as the double has received `count` requests. */
function afterRequests(count: number, action: () => void): () => void {
  const timer = setInterval(() => {
    if (om.requests.length >= count) {
      clearInterval(timer);
      action();
    }
  }, 1);
  return () => clearInterval(timer);
}

describe('server faults', () => {
  it('20 % of requests answered 503', async () => {
    om.setFailRate(0.2, 20240501);
    await runAndCheck();
    expect(om.counters.failed).toBeGreaterThan(5);
    expect(om.requests.filter((r) => r.status === 503).every((r) => r.fault === 'fail')).toBe(true);
  });

  it('bursts of 429: each retry waits at least Retry-After, by the server’s own clock', async () => {
    om.rateLimit(1, 1); // the first request: the version check, before anything else
    let secondBurstFrom = Infinity;
    const stop = afterRequests(30, () => {
      secondBurstFrom = om.requests.length;
      om.rateLimit(8, 2); // and mid-run, while PUTs are in flight
    });
    try {
      await runAndCheck();
    } finally {
      stop();
    }
    const requests = om.requests;
    const limited = requests.map((r, i) => [r, i] as const).filter(([r]) => r.fault === 'rateLimit');
    expect(limited).toHaveLength(9);
    expect(limited.some(([r]) => r.method === 'PUT')).toBe(true);
    for (const [r, i] of limited) {
      const retry = retryOf(requests, i);
      expect(retry, `${r.method} ${r.path}`).toBeDefined();
      const retryAfterMs = i < secondBurstFrom ? 1000 : 2000;
      expect(retry!.at - r.at, `${r.method} ${r.path}${r.query}`).toBeGreaterThanOrEqual(retryAfterMs);
    }
  });

  it('connections dropped mid-body after the server applied the change', async () => {
    om.setDropRate(0.15, { appliesChange: true, seed: 99 });
    await runAndCheck();
    expect(om.counters.dropped).toBeGreaterThan(3);
    expect(om.requests.some((r) => r.fault === 'drop' && r.method === 'PUT' && r.status === 201)).toBe(true);
  });

  it('connections dropped mid-body before the server applied anything', async () => {
    om.setDropRate(0.15, { appliesChange: false, seed: 7 });
    await runAndCheck();
    expect(om.counters.dropped).toBeGreaterThan(3);
  });

  it('503s and drops together, and a second run under them changes nothing', async () => {
    om.setFaults({ failRate: 0.1, dropRate: 0.1, seed: 5 });
    await runAndCheck();
    const versions = new Map(om.entities('table').map((t) => [t.fullyQualifiedName, t.version]));
    om.clearRequests();
    await runAndCheck();
    expect(new Map(om.entities('table').map((t) => [t.fullyQualifiedName, t.version]))).toEqual(versions);
    expect(om.counters.updated).toBe(0);
  });

  it('mark-deleted under 503s, 429s and cut responses deletes exactly the tables dropped from Postgres', async () => {
    await runAndCheck();
    const dropped = ['t48', 't49'];
    await execSql(db.url, ['DROP TABLE bulk.t49', 'DROP TABLE bulk.t48']);
    const isList = (r: RequestRecord) => r.method === 'GET' && r.path === '/api/v1/tables';
    // Once the sink lists the schema to compare, the next requests (its DELETEs) meet a burst of 429 too.
    const watcher = setInterval(() => {
      if (om.requests.some(isList)) {
        clearInterval(watcher);
        om.rateLimit(2, 1);
      }
    }, 1);
    try {
      om.setFaults({ failRate: 0.1, dropRate: 0.1, seed: 11 });
      const result = await runMetadataRest({ url: db.url, double: om });
      expect(result.exitCode).toBe(0);
      expect(result.status.steps.flatMap((s) => s.failures)).toEqual([]);
      const base = `svc.${db.name}.bulk`;
      const deleted = om.entities('table', { include: 'deleted' }).map((t) => t.fullyQualifiedName);
      expect(deleted.sort()).toEqual(dropped.map((t) => `${base}.${t}`));
      expect(om.entities('table', { include: 'non-deleted' })).toHaveLength(TABLES + 1 - dropped.length);
      const listedAt = om.requests.findIndex(isList);
      expect(om.requests.slice(listedAt).filter((r) => r.fault === 'rateLimit').length).toBeGreaterThan(0);
    } finally {
      clearInterval(watcher);
      await execSql(
        db.url,
        bulkTablesSql(TABLES).filter((sql) => dropped.some((t) => sql.includes(`bulk.${t} `))),
      );
    }
  });
});
