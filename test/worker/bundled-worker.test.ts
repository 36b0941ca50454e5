// dist/om-worker, copied alone into an empty folder, runs a real metadata workflow (YAML, `${VAR}` expansion, file
// sink with a relative path) against the catalog fixture. Needs `npm run build` first (`npm test` runs it).
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFixtureExpectations as fx } from '../support/catalog-fixture.js';
import { createFixtureDatabase, encodeName, type FixtureDatabase } from '../support/fixture-db.js';
import { requestErrors } from '../support/om-spec.js';
import { parseNdjson, wrapRun, type MetadataRun } from '../support/run-metadata.js';

const BUILT_WORKER = join(resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..'), 'dist', 'om-worker');
const PASSWORD = 'S3cret-not-needed-with-trust';

/** This process's environment without anything that would let the executable find modules outside itself. */
function isolatedEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, ...extra };
}

function workflowYaml(db: FixtureDatabase): string {
  const url = new URL(db.url);
  return `# written by test/worker/bundled-worker.test.ts
source:
  type: postgres
  serviceName: bundled_svc
  serviceConnection:
    config:
      type: Postgres
      username: postgres
      authType:
        password: \${PG_PASSWORD}
      hostPort: "${url.hostname}:${url.port}"
      database: ${db.name}
  sourceConfig:
    config:
      type: DatabaseMetadata
      includeOwners: true
      schemaFilterPattern:
        excludes:
          - ^extensions$
sink:
  type: file
  config:
    filename: out/metadata.ndjson
workflowConfig:
  loggerLevel: INFO
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: \${OM_TOKEN}
`;
}

describe('dist/om-worker from an empty folder', () => {
  let db: FixtureDatabase;
  let folder: string;
  let result: Awaited<ReturnType<typeof execa>>;
  let run: MetadataRun;

  beforeAll(async () => {
    if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is missing: run \`npm run build\` first (\`npm test\` does it for you)`);
    db = await createFixtureDatabase('worker_bundle');
    folder = await mkdtemp(join(tmpdir(), 'omgen-bundled-'));
    await copyFile(BUILT_WORKER, join(folder, 'om-worker'));
    await writeFile(join(folder, 'workflow.yaml'), workflowYaml(db));
    result = await execa(join(folder, 'om-worker'), ['run', '-c', 'workflow.yaml', '--status-json', 'status.json'], {
      cwd: folder,
      env: isolatedEnv({ PG_PASSWORD: PASSWORD, OM_TOKEN: 'eyJhbGciOiJub25lIn0.e30.sig' }),
      extendEnv: false,
      reject: false,
      timeout: 90_000,
    });
    const status = JSON.parse(await readFile(join(folder, 'status.json'), 'utf8'));
    const lines = parseNdjson(await readFile(join(folder, 'out', 'metadata.ndjson'), 'utf8'));
    const destination = join(folder, 'out', 'metadata.ndjson');
    run = wrapRun({ status: { toJSON: () => status } as never, exitCode: Number(result.exitCode), started: true, destination }, lines);
  }, 120_000);

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    await db?.drop();
  });

  it('exits 0 and prints the summary', () => {
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(String(result.stdout)).toMatch(/Success %: 100\.00/);
    expect(String(result.stderr)).not.toMatch(/ DEBUG /); // loggerLevel INFO
    expect(String(result.stdout)).toMatch(/Workflow finished in [\d.]+ s: success/);
    // The last line says where the records went: the sink's file, resolved against the working folder.
    expect(String(result.stdout).trimEnd().split('\n').at(-1)).toBe(`Output: ${join(folder, 'out', 'metadata.ndjson')}`);
  });

  it('leaves only its own output in the folder: the file sink (relative to the cwd) and the status', async () => {
    expect((await readdir(folder)).sort()).toEqual(['om-worker', 'out', 'status.json', 'workflow.yaml']);
    expect(await readdir(join(folder, 'out'))).toEqual(['metadata.ndjson']);
  });

  it('writes the service, the database, the schemas and every expected table', () => {
    expect(run.records[0]).toMatchObject({ type: 'createDatabaseService', data: { name: 'bundled_svc', serviceType: 'Postgres' } });
    expect(run.of('createDatabase').map((d) => d.name)).toEqual([db.name]);
    const schemas = run.of('createDatabaseSchema').map((s) => s.name);
    expect(schemas).not.toContain('extensions');
    for (const schema of fx.schemas) {
      expect(schemas).toContain(schema.name);
      for (const relation of schema.relations) {
        const table = run.tables.get(`${schema.name}.${encodeName(relation.name)}`);
        expect(table, `${schema.name}.${relation.name}`).toBeDefined();
        expect(table?.owner?.fullyQualifiedName).toBe(relation.owner ?? 'postgres');
      }
    }
    const expected = fx.schemas.reduce((n, s) => n + s.relations.length, 0);
    expect(run.tables.size).toBe(expected);
    expect(run.of('createStoredProcedure').length).toBeGreaterThanOrEqual(fx.routines.length);
    expect(run.of('createTag')).toHaveLength(3);
  });

  it('writes bodies OpenMetadata 1.4 accepts', () => {
    const problems = run.records.flatMap((r) => requestErrors(r.type, r.data).map((e) => `${r.type} ${r.data.name}: ${e}`));
    expect(problems).toEqual([]);
  });

  it('counts the same records in the status as in the file, and keeps secrets out of every output', async () => {
    const status = run.status as any;
    expect(status.pipelineState).toBe('success');
    expect(run.step('Postgres').records).toBe(run.records.length);
    expect(run.step('Postgres').filtered).toBe(1); // the extensions schema
    const everything = [
      String(result.stdout),
      String(result.stderr),
      await readFile(join(folder, 'status.json'), 'utf8'),
      await readFile(join(folder, 'out', 'metadata.ndjson'), 'utf8'),
    ];
    for (const text of everything) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('eyJhbGciOiJub25lIn0');
    }
  });
});
