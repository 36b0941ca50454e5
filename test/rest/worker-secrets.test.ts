// The token and the Postgres password appear in nothing the worker prints or writes: not in stdout or stderr (DEBUG
// logs with retries included), not in --status-json, the sink's file or the pipeline statuses it reports, whether
// the run succeeds or fails. The password does reach the server, inside the service's connection: that is what
// OpenMetadata stores. Needs `npm run build` first.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker, tempDir, type RunResult } from '../cli/cli-helpers.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import type { RestRunOptions } from '../support/run-metadata-rest.js';
import { CLOSED_PG_URL, writeFileConfig, writeRestConfig } from './worker-rest-helpers.js';

const PASSWORD = 'Pg-Pa55w0rd-Qx7Zk2';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.om-Tok3n-Vb9Lw4.sig';
const READ_ONLY_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.ro-Tok3n-Hj3Pm8.sig';
const WRONG_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.wrong-Tok3n-Nc5Rt1.sig';
const FILE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.file-Tok3n-Ys6Ug0.sig';
const SECRETS = [PASSWORD, TOKEN, READ_ONLY_TOKEN, WRONG_TOKEN, FILE_TOKEN];

let dir: string;
let db: TestDatabase;
let om: OpenMetadataDouble;
let fileTokenOm: OpenMetadataDouble;
const outputs: Array<{ label: string; result: RunResult }> = [];

const base = (extra: Partial<RestRunOptions> = {}): RestRunOptions => ({
  url: db.url,
  double: om,
  token: TOKEN,
  connection: { authType: { password: PASSWORD } },
  workflowConfig: { loggerLevel: 'DEBUG' },
  ...extra,
});

async function worker(label: string, args: string[]): Promise<RunResult> {
  const result = await runWorker(args);
  outputs.push({ label, result });
  return result;
}

beforeAll(async () => {
  dir = await tempDir('rest-secrets');
  db = await createTestDatabase('rest_secrets');
  await execSql(db.url, ['CREATE SCHEMA app', ...Array.from({ length: 12 }, (_, i) => `CREATE TABLE app.t${i} (x integer, y varchar(9))`)]);
  om = await startOpenMetadataDouble({ token: TOKEN, readOnlyToken: READ_ONLY_TOKEN });
  fileTokenOm = await startOpenMetadataDouble({ token: FILE_TOKEN });
  const status = (name: string) => ['--status-json', join(dir, `${name}.status.json`)];
  const pipeline = { ingestionPipelineFQN: 'svc.secret_ingest', pipelineRunId: '0b6c0d56-7d4a-4c43-9a57-7a1f7c1e0d11' };

  // A good run through retries (DEBUG logs every retry), reporting to an ingestion pipeline.
  om.setFaults({ failRate: 0.15, dropRate: 0.05, seed: 3 });
  const good = await writeRestConfig(dir, 'good.yaml', base({ top: pipeline }));
  expect((await worker('good run', ['run', '-c', good, ...status('good')])).exitCode).toBe(0);
  om.setFaults({ failRate: 0, dropRate: 0 });

  // The file sink, then a push of its file.
  const extract = await writeFileConfig(dir, 'extract.yaml', join(dir, 'out', 'metadata.ndjson'), base());
  expect((await worker('file run', ['run', '-c', extract, ...status('file')])).exitCode).toBe(0);
  expect((await worker('push', ['push', join(dir, 'out', 'metadata.ndjson'), '-c', good, ...status('push')])).exitCode).toBe(0);

  // Failing runs: a token the server rejects, a read-only token refused mid-run, Postgres unreachable.
  const wrong = await writeRestConfig(dir, 'wrong-token.yaml', base({ token: WRONG_TOKEN }));
  expect((await worker('wrong token', ['run', '-c', wrong, ...status('wrong')])).exitCode).toBe(3);
  const readOnly = await writeRestConfig(dir, 'read-only.yaml', base({ token: READ_ONLY_TOKEN, top: { ...pipeline, pipelineRunId: undefined } }));
  om.reset();
  expect((await worker('read-only token', ['run', '-c', readOnly, ...status('read-only')])).exitCode).toBe(3);
  const noPg = await writeRestConfig(dir, 'no-postgres.yaml', base({ url: CLOSED_PG_URL, top: pipeline }));
  expect((await worker('postgres unreachable', ['run', '-c', noPg, ...status('no-pg')])).exitCode).toBe(3);

  // A token read from a file, as OpenMetadata allows.
  const tokenFile = join(dir, 'token.txt');
  await writeFile(tokenFile, `${FILE_TOKEN}\n`);
  const fromFile = await writeRestConfig(dir, 'token-file.yaml', base({ double: fileTokenOm, token: tokenFile }));
  expect((await worker('token from a file', ['run', '-c', fromFile, ...status('token-file')])).exitCode).toBe(0);
}, 120_000);

afterAll(async () => {
  await om?.stop();
  await fileTokenOm?.stop();
  await db?.drop();
});

/** Every file under the folder but the ones the test wrote (configs and the token file). */
async function writtenByWorker(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (!/\.yaml$|token\.txt$/.test(path)) out.push(path);
  }
  return out;
}

describe('secrets', () => {
  it('appear in no stdout or stderr, failing runs included', () => {
    expect(outputs.map((o) => o.label)).toHaveLength(7);
    for (const { label, result } of outputs) {
      for (const secret of SECRETS) {
        expect(result.stdout, `${label}: stdout`).not.toContain(secret);
        expect(result.stderr, `${label}: stderr`).not.toContain(secret);
      }
    }
    // The logs were there to be searched: DEBUG retries, and each failing run's reason.
    expect(outputs[0].result.stderr).toMatch(/DEBUG .*retrying in \d+ ms/);
    // What a user debugging a run needs: each request with its status, each database and schema with counts and times.
    expect(outputs[0].result.stderr).toMatch(/DEBUG +PUT \S*tables → 20[01] \(\d+ ms\)/);
    expect(outputs[0].result.stderr).toMatch(/DEBUG +database rest_secrets\S*: \d+ of \d+ schemas kept; 12 relations, .* read in \d+ ms/);
    expect(outputs[0].result.stderr).toMatch(/DEBUG +schema svc\.\S+\.app: 12 relations \(12 in the source\), 0 routines, read and built in \d+ ms/);
    expect(outputs.find((o) => o.label === 'wrong token')?.result.stderr).toMatch(/rejected the token \(401\)/);
    expect(outputs.find((o) => o.label === 'read-only token')?.result.stderr).toMatch(/\(403\)/);
    expect(outputs.find((o) => o.label === 'postgres unreachable')?.result.stderr).toMatch(/connection refused|127\.0\.0\.1:1\b/);
  });

  it('appear in no file the worker writes: status JSON, the sink file', async () => {
    const files = await writtenByWorker(dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'good.status.json',
        'file.status.json',
        'push.status.json',
        'read-only.status.json',
        'token-file.status.json',
        'out/metadata.ndjson',
      ]),
    );
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of SECRETS) expect(text, file).not.toContain(secret);
    }
  });

  it('appear in no pipeline status reported to the server', () => {
    const statuses = JSON.stringify(om.requests.filter((r) => r.path.includes('pipelineStatus')).map((r) => r.body));
    for (const secret of SECRETS) expect(statuses).not.toContain(secret);
  });

  it("the password does reach the server, in the service's connection", () => {
    const stored = JSON.stringify(fileTokenOm.get('databaseService', 'svc')?.connection);
    expect(stored).toContain(PASSWORD);
  });
});
