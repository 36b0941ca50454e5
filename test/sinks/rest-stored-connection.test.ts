// A workflow without source.serviceConnection runs on the connection its service stores on the server, as
// OpenMetadata's own workflows do; a missing service, a service without a connection or a masked password is a
// config error (exit 2) saying so, before Postgres is touched.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { apiClient } from '../support/openmetadata-double/test-client.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { metadataWorkflow, parseNdjson } from '../support/run-metadata.js';
import { runMetadataRest, TEST_TOKEN } from '../support/run-metadata-rest.js';

const PASSWORD = 'stored-pw-41d9';

let db: TestDatabase;
let om: OpenMetadataDouble;
let dir: string;

/** A file-sink run of a workflow that names no connection, against the double. */
async function runWithoutConnection() {
  const output = join(dir, `${Date.now()}.ndjson`);
  const workflow = metadataWorkflow({ url: db.url, sourceConfig: { schemaFilterPattern: { includes: ['^app$'] } } }, output) as Record<string, any>;
  delete workflow.source.serviceConnection;
  workflow.workflowConfig.openMetadataServerConfig = { hostPort: om.baseUrl, authProvider: 'openmetadata', securityConfig: { jwtToken: TEST_TOKEN } };
  const lines: string[] = [];
  const result = await runWorkflow(loadWorkflowText(JSON.stringify(workflow), 'wf.yaml', {}), {
    log: createLogger('DEBUG', (l) => void lines.push(l)),
  });
  const records = parseNdjson(await readFile(output, 'utf8').catch(() => ''));
  return { result, records, lines };
}

beforeAll(async () => {
  db = await createTestDatabase('rest_stored_connection');
  await execSql(db.url, ['CREATE SCHEMA app', 'CREATE TABLE app.a (x int)', 'CREATE TABLE app.b (y text)']);
  om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'omgen-stored-'));
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => om.reset());

describe('a workflow without serviceConnection', () => {
  it('reads Postgres with the connection the service stores, and never logs its password', async () => {
    const seeded = await runMetadataRest({ url: db.url, double: om, connection: { authType: { password: PASSWORD } } });
    expect(seeded.exitCode).toBe(0);
    const { result, records, lines } = await runWithoutConnection();
    expect(result.exitCode, result.fatal?.message).toBe(0);
    expect(
      records
        .filter((r) => r.type === 'createTable')
        .map((r) => r.data.name)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(lines.some((l) => l.includes('Using the connection stored on OpenMetadata at'))).toBe(true);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('is a config error when the server has no such service', async () => {
    const { result, records } = await runWithoutConnection();
    expect(result.fatal).toBeInstanceOf(ConfigError);
    expect(result.exitCode).toBe(2);
    expect(result.started).toBe(false);
    expect((result.fatal as ConfigError).issues[0]).toMatchObject({ path: 'source.serviceConnection' });
    expect(result.fatal?.message).toMatch(/has no database service 'svc' to take it from/);
    expect(records).toEqual([]);
  });

  it('is a config error when the server masks the password for this token', async () => {
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    const url = new URL(db.url);
    const config = {
      type: 'Postgres',
      username: 'postgres',
      authType: { password: '*********' },
      hostPort: `${url.hostname}:${url.port}`,
      database: db.name,
    };
    expect((await api.put('services/databaseServices', { name: 'svc', serviceType: 'Postgres', connection: { config } })).status).toBe(201);
    const { result } = await runWithoutConnection();
    expect(result.exitCode).toBe(2);
    expect(result.fatal?.message).toMatch(/masks the stored password/);
  });

  it('is a config error when the service stores no connection', async () => {
    const api = apiClient(om.baseUrl, TEST_TOKEN);
    expect((await api.put('services/databaseServices', { name: 'svc', serviceType: 'Postgres' })).status).toBe(201);
    const { result } = await runWithoutConnection();
    expect(result.exitCode).toBe(2);
    expect(result.fatal?.message).toMatch(/stores no connection/);
  });
});
