// `om-worker run` when Postgres cannot be used: closed port, unknown host, missing database, wrong password.
// Each exits 3 with one line naming what it tried to reach, writes nothing, and never prints the password.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { adminUrl, execSql, startMajor } from '../support/pg.js';
import { closedPort } from '../support/ports.js';
import { lines, listDir, metadataWorkflowLines, pgTarget, runWorker, tempDir, withLine, writeWorkflow, type PgTarget } from './cli-helpers.js';

const PASSWORD = 'Pw-Secret-4242-omgen';

let dir: string;

beforeAll(async () => {
  dir = await tempDir('worker-conn');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  outDir: string;
  sinkFile: string;
}

async function runAgainst(name: string, target: PgTarget): Promise<Outcome> {
  const outDir = join(dir, `${name}-out`);
  const sinkFile = join(outDir, 'records.ndjson');
  const file = await writeWorkflow(dir, `${name}.yaml`, metadataWorkflowLines({ target, sinkFile }));
  const result = await runWorker(['run', '-c', file, '--status-json', join(outDir, 'status.json')]);
  return { ...result, outDir, sinkFile };
}

/** Exit 3, one stderr line starting with the given text, nothing on stdout, nothing written. */
async function expectUnreachable(outcome: Outcome, firstLine: RegExp): Promise<void> {
  expect(outcome.exitCode, `stderr: ${outcome.stderr}`).toBe(3);
  const errs = lines(outcome.stderr);
  expect(errs, outcome.stderr).toHaveLength(1);
  expect(errs[0]).toMatch(firstLine);
  expect(outcome.stdout).toBe('');
  expect(existsSync(outcome.sinkFile)).toBe(false);
  expect(await listDir(outcome.outDir), 'no sink, temp or status file').toEqual([]);
}

describe('om-worker run, Postgres unreachable', () => {
  it('a closed port on 127.0.0.1', async () => {
    const port = await closedPort();
    const target: PgTarget = { hostPort: `127.0.0.1:${port}`, username: 'etl', password: PASSWORD, database: 'pagila' };
    const outcome = await runAgainst('closed-port', target);
    await expectUnreachable(outcome, new RegExp(`^om-worker: cannot connect to Postgres etl@127\\.0\\.0\\.1:${port}/pagila: connection refused$`));
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(PASSWORD);
  });

  it('a host name that cannot exist (.invalid)', async () => {
    const target: PgTarget = { hostPort: 'omgen-test.invalid:5432', username: 'etl', password: PASSWORD, database: 'pagila' };
    const outcome = await runAgainst('invalid-host', target);
    // Without DNS the resolver may answer "try again" rather than "no such host"; both must name the host.
    await expectUnreachable(
      outcome,
      /^om-worker: cannot connect to Postgres etl@omgen-test\.invalid:5432\/pagila: (unknown|cannot resolve) host 'omgen-test\.invalid'$/,
    );
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(PASSWORD);
  });

  it('a database that does not exist', async () => {
    const target = pgTarget(adminUrl(), 'omgen_no_such_database');
    const outcome = await runAgainst('missing-db', target);
    await expectUnreachable(
      outcome,
      /^om-worker: cannot connect to Postgres .*\/omgen_no_such_database: database "omgen_no_such_database" does not exist$/,
    );
  });
});

describe('om-worker run, OpenMetadata server unreachable (sink metadata-rest)', () => {
  it('exits 3 with one line naming the server, writes no status, never prints the token', async () => {
    const port = await closedPort();
    const outDir = join(dir, 'server-out');
    const token = 'eyJ-server-token-5150';
    const workflow = metadataWorkflowLines({ target: pgTarget(adminUrl()), sinkFile: 'unused', jwtToken: token }).map((line) =>
      line.replace('http://localhost:8585/api', `http://127.0.0.1:${port}/api`),
    );
    // Lines 19-21 (type, config, filename) become a metadata-rest sink.
    const rest = withLine(withLine(withLine(workflow, 21), 20, '  config: {}'), 19, '  type: metadata-rest');
    const file = await writeWorkflow(dir, 'server.yaml', rest);
    const result = await runWorker(['run', '-c', file, '--status-json', join(outDir, 'status.json')]);
    expect(result.exitCode, result.stderr).toBe(3);
    const errs = lines(result.stderr);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(new RegExp(`^om-worker: .*OpenMetadata.*127\\.0\\.0\\.1:${port}`));
    expect(await listDir(outDir)).toEqual([]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(token);
  });
});

/** Resolves once a wrong password for omgen_pw is refused (28P01) on 127.0.0.1:`port`. */
async function untilPasswordsCount(port: number): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'omgen_pw', password: 'not-the-password', database: 'postgres' });
    const refused = await client.connect().then(
      () => false,
      (error: { code?: string }) => error.code === '28P01',
    );
    await client.end().catch(() => undefined);
    if (refused) return;
  }
  throw new Error('the server never asked omgen_pw for a password');
}

describe('om-worker run, wrong password (scram-sha-256 on a private server)', () => {
  let server: EmbeddedPostgres;

  beforeAll(async () => {
    server = await startMajor('pg18');
    await execSql(server.url, `CREATE ROLE omgen_pw LOGIN PASSWORD '${PASSWORD}'`);
    const hba = join(server.dataDir, 'pg_hba.conf');
    await writeFile(hba, `host all omgen_pw 127.0.0.1/32 scram-sha-256\n${await readFile(hba, 'utf8')}`);
    await execSql(server.url, 'SELECT pg_reload_conf()');
    // The reload is asynchronous: until the server has read the new rule, any password would do.
    await untilPasswordsCount(server.port);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const target = (password: string): PgTarget => ({ hostPort: `127.0.0.1:${server.port}`, username: 'omgen_pw', password, database: 'postgres' });

  it('works with the right password (control), without printing it', async () => {
    const outcome = await runAgainst('right-password', target(PASSWORD));
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(existsSync(outcome.sinkFile)).toBe(true);
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(PASSWORD);
    expect(await readFile(join(outcome.outDir, 'status.json'), 'utf8')).not.toContain(PASSWORD);
  });

  it('fails with exit 3 naming the user, writes nothing, never prints the password', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const outcome = await runAgainst('wrong-password', target(wrong));
    await expectUnreachable(
      outcome,
      /^om-worker: cannot connect to Postgres omgen_pw@127\.0\.0\.1:\d+\/postgres: password authentication failed for user "omgen_pw"$/,
    );
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(wrong);
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(PASSWORD);
  });
});
