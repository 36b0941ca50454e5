// The built worker against servers it cannot use: a bad token and an unsupported version end the run with exit 3 and
// one clear line before any Postgres work; a server that goes away mid-run ends it with exit 3, and once it is back a
// new run completes. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runWorker, tempDir } from '../cli/cli-helpers.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import type { EntityType } from '../support/openmetadata-double/types.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { runMetadata } from '../support/run-metadata.js';
import { expectedFqns, TEST_TOKEN } from '../support/run-metadata-rest.js';
import { bulkTablesSql } from '../sinks/rest-fixture.js';
import { CLOSED_PG_URL, expectExactly, writeRestConfig } from './worker-rest-helpers.js';

let dir: string;
let db: TestDatabase;
let om: OpenMetadataDouble;
let expected: Map<EntityType, string[]>;

beforeAll(async () => {
  dir = await tempDir('rest-server');
  db = await createTestDatabase('rest_worker_server');
  await execSql(db.url, bulkTablesSql(50));
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  expected = expectedFqns((await runMetadata({ url: db.url })).records);
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
});

describe('a token the server rejects', () => {
  it('exits 3 with one line about the token, before any Postgres work', async () => {
    om.reset();
    const config = await writeRestConfig(dir, 'bad-token.yaml', { url: CLOSED_PG_URL, double: om, token: 'not-the-token-4711' });
    const result = await runWorker(['run', '-c', config]);
    expect(result.exitCode).toBe(3);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^om-worker: OpenMetadata at http:\/\/127\.0\.0\.1:\d+ rejected the token \(401\)/)]);
    expect(result.stderr).not.toMatch(/postgres|5432|127\.0\.0\.1:1\b|nowhere/i);
    expect(result.stderr).not.toContain('not-the-token-4711');
    expect(result.stdout).toBe('');
    expect(om.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/system/version 200',
      'GET /api/v1/services/databaseServices 401',
    ]);
  });
});

describe('a server version outside 1.4–1.13', () => {
  for (const version of ['0.13.0', '1.3.2', '2.0.0']) {
    it(`${version}: exits 3 naming the version, before any Postgres work`, async () => {
      const other = await startOpenMetadataDouble({ token: TEST_TOKEN, version });
      try {
        const config = await writeRestConfig(dir, `version-${version}.yaml`, { url: CLOSED_PG_URL, double: other });
        const result = await runWorker(['run', '-c', config]);
        expect(result.exitCode).toBe(3);
        const [line, ...rest] = lines(result.stderr);
        expect(rest).toEqual([]);
        expect(line).toContain(`server version is ${version}`);
        expect(line).toContain('1.4 to 1.13');
        expect(line).not.toMatch(/postgres/i);
        expect(other.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      } finally {
        await other.stop();
      }
    });
  }

  it('enableVersionValidation: false skips the check and the run completes', async () => {
    const other = await startOpenMetadataDouble({ token: TEST_TOKEN, version: '2.0.0' });
    try {
      const config = await writeRestConfig(dir, 'no-validation.yaml', { url: db.url, double: other, server: { enableVersionValidation: false } });
      const result = await runWorker(['run', '-c', config]);
      expect(result.stderr).not.toContain('server version');
      expect(result.exitCode).toBe(0);
      expectExactly(other, expected);
    } finally {
      await other.stop();
    }
  });
});

describe('the server going away mid-run', () => {
  it('exits 3 with one clear line; once it is back, a new run completes', async () => {
    om.reset();
    om.setLatency(5);
    const config = await writeRestConfig(dir, 'go-away.yaml', { url: db.url, double: om });
    let wentAway = false;
    const watcher = setInterval(() => {
      if (!wentAway && om.requests.length >= 25) {
        wentAway = true;
        void om.goAway();
      }
    }, 1);
    let result;
    try {
      result = await runWorker(['run', '-c', config]);
    } finally {
      clearInterval(watcher);
    }
    expect(wentAway).toBe(true);
    expect(result.exitCode).toBe(3);
    const problems = lines(result.stderr).filter((l) => !/\] INFO /.test(l));
    expect(problems).toEqual([
      expect.stringMatching(/ERROR +cannot reach OpenMetadata at http:\/\/127\.0\.0\.1:\d+: connection refused \(after 7 attempts\)$/),
    ]);
    expect(result.stdout).toMatch(/failed \(cannot reach OpenMetadata/);
    expect(om.entities('table').length).toBeLessThan(51);

    await om.comeBack();
    om.setLatency(0);
    const again = await runWorker(['run', '-c', config]);
    expect(again.exitCode).toBe(0);
    expect(lines(again.stderr).filter((l) => !/\] INFO /.test(l))).toEqual([]);
    expect(lines(again.stdout).at(-1)).toBe(`Output: OpenMetadata at ${om.baseUrl}/v1/, service svc`);
    expect(result.stdout).not.toMatch(/^Output:/m);
    expectExactly(om, expected);
  });
});
