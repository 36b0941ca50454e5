// `om-worker push FILE -c workflow.yaml` replays a file sink's NDJSON into a server: the server ends up as a direct
// run leaves it (entities, owners, the service's connection, and mark-deleted from the file's entityScope lines),
// through the same retries, with the same status output. Needs `npm run build` first.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runWorker, tempDir } from '../cli/cli-helpers.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { parseNdjson } from '../support/run-metadata.js';
import { TEST_TOKEN } from '../support/run-metadata-rest.js';
import { OWNER_ROLES, restCatalogSql } from '../sinks/rest-fixture.js';
import { readJson, snapshot, writeFileConfig, writeRestConfig } from './worker-rest-helpers.js';
import { jsonStep } from '../support/steps.js';

const PASSWORD = 'push-pw-5d2a';
const SOURCE = { includeOwners: true, schemaFilterPattern: { excludes: ['^public$'] } };

let dir: string;
let db: TestDatabase;
const doubles: OpenMetadataDouble[] = [];

async function double(): Promise<OpenMetadataDouble> {
  const om = await startOpenMetadataDouble({ token: TEST_TOKEN });
  om.addUser(OWNER_ROLES.user);
  om.addTeam(OWNER_ROLES.team);
  om.addUser(OWNER_ROLES.dotted);
  doubles.push(om);
  return om;
}

const options = (om: OpenMetadataDouble) => ({ url: db.url, double: om, sourceConfig: SOURCE, connection: { authType: { password: PASSWORD } } });

/** Extracts to `name` with the file sink. */
async function extract(name: string, om: OpenMetadataDouble): Promise<string> {
  const output = join(dir, name);
  const config = await writeFileConfig(dir, `${name}.yaml`, output, options(om));
  const result = await runWorker(['run', '-c', config]);
  expect(result.exitCode, result.stderr).toBe(0);
  return output;
}

async function push(file: string, om: OpenMetadataDouble, statusJson?: string) {
  const config = await writeRestConfig(dir, `push-${doubles.indexOf(om)}.yaml`, options(om));
  return runWorker(['push', file, '-c', config, ...(statusJson ? ['--status-json', statusJson] : [])]);
}

async function direct(om: OpenMetadataDouble, statusJson?: string) {
  const config = await writeRestConfig(dir, `direct-${doubles.indexOf(om)}.yaml`, options(om));
  return runWorker(['run', '-c', config, ...(statusJson ? ['--status-json', statusJson] : [])]);
}

let directOm: OpenMetadataDouble;
let pushedOm: OpenMetadataDouble;
let firstFile: string;
let directStatus: any;
let pushed: Awaited<ReturnType<typeof push>>;

beforeAll(async () => {
  dir = await tempDir('rest-push');
  db = await createTestDatabase('rest_push');
  await execSql(db.url, restCatalogSql());
  directOm = await double();
  pushedOm = await double();
  firstFile = await extract('first.ndjson', directOm);
  expect((await direct(directOm, join(dir, 'direct-status.json'))).exitCode).toBe(0);
  directStatus = await readJson(join(dir, 'direct-status.json'));
  pushed = await push(firstFile, pushedOm, join(dir, 'push-status.json'));
});

afterAll(async () => {
  for (const om of doubles) await om.stop();
  await db?.drop();
});

describe('om-worker push', () => {
  it('leaves the server as a direct run does: same entities, same bodies, same versions', () => {
    expect(pushed.exitCode, pushed.stderr).toBe(0);
    const expected = snapshot(directOm);
    expect(Object.keys(expected).length).toBeGreaterThan(12);
    expect(snapshot(pushedOm)).toEqual(expected);
  });

  it("puts the password back into the service's connection from its own config (the file has none)", async () => {
    expect(await readFile(firstFile, 'utf8')).not.toContain(PASSWORD);
    const connection = (pushedOm.get('databaseService', 'svc')!.connection as any).config;
    expect(connection.authType).toEqual({ password: PASSWORD });
  });

  it('reports like a direct run: a summary on stdout and --status-json, the File step in place of Postgres', async () => {
    const status = await readJson(join(dir, 'push-status.json'));
    expect(status.pipelineState).toBe('success');
    expect(status.steps.map((s: any) => s.name)).toEqual(['File', 'OpenMetadata']);
    expect(directStatus.steps.map((s: any) => s.name)).toEqual(['Postgres', 'OpenMetadata']);
    const counts = (s: any) => ({ records: s.records, errors: s.errors, failures: s.failures });
    expect(counts(jsonStep(status, 'File'))).toEqual(counts(jsonStep(directStatus, 'Postgres')));
    expect(counts(jsonStep(status, 'OpenMetadata'))).toEqual(counts(jsonStep(directStatus, 'OpenMetadata')));
    expect(pushed.stdout).toMatch(/\| File +\| +\d+ /);
    expect(pushed.stdout).toMatch(/\| OpenMetadata +\| +\d+ /);
    expect(pushed.stdout).toMatch(/Workflow finished in [\d.]+ s: success/);
  });

  it('goes through the same retries: 503s and cut responses leave the same result', async () => {
    const faulty = await double();
    faulty.setFaults({ failRate: 0.2, dropRate: 0.1, seed: 31 });
    faulty.rateLimit(1, 1);
    const result = await push(firstFile, faulty);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(faulty.counters.failed + faulty.counters.dropped + faulty.counters.rateLimited).toBeGreaterThan(5);
    expect(lines(result.stderr).filter((l) => !/\] INFO /.test(l))).toEqual([]);
    expect(snapshot(faulty)).toEqual(snapshot(pushedOm));
  });

  it("marks deleted from the file's entityScope lines exactly what a direct run deletes", async () => {
    await execSql(db.url, ['DROP TABLE app.customers', 'DROP PROCEDURE app.refresh()']);
    const second = await extract('second.ndjson', directOm);
    const scopes = parseNdjson(await readFile(second, 'utf8')).filter((l) => l.type === 'entityScope');
    expect(scopes.map((s) => s.data.entityType).sort()).toEqual(['databaseSchema', 'storedProcedure', 'storedProcedure', 'table', 'table']);

    expect((await direct(directOm)).exitCode).toBe(0);
    const result = await push(second, pushedOm);
    expect(result.exitCode, result.stderr).toBe(0);

    const deleted = (om: OpenMetadataDouble) =>
      [...om.entities('table', { include: 'deleted' }), ...om.entities('storedProcedure', { include: 'deleted' })]
        .map((e) => e.fullyQualifiedName)
        .sort();
    expect(deleted(pushedOm)).toEqual([`svc.${db.name}.app.customers`, `svc.${db.name}.app.refresh`]);
    expect(deleted(directOm)).toEqual(deleted(pushedOm));
    expect(snapshot(pushedOm)).toEqual(snapshot(directOm));
  });
});
