// A password holding quotes, backslashes and URL-special characters, echoed back by a server that quotes request
// bodies in its errors (as OpenMetadata's JSON parser does): it reaches no output of the worker in any encoding,
// neither the DEBUG log (one JSON escape) nor the status JSON (two). Needs `npm run build` first.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodedForms } from '../../src/util/redact.js';
import { runWorker, tempDir, type RunResult } from '../cli/cli-helpers.js';
import { startOpenMetadataDouble, type OpenMetadataDouble } from '../support/openmetadata-double/index.js';
import { createTestDatabase, execSql, type TestDatabase } from '../support/pg.js';
import { writeRestConfig } from './worker-rest-helpers.js';

const PASSWORD = 'Pa"ss\\w0rd/+%20 é&=Zq';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.esc"aped\\Tok3n.sig';

let dir: string;
let db: TestDatabase;
let om: OpenMetadataDouble;
let result: RunResult;
let status: string;

beforeAll(async () => {
  dir = await tempDir('escaped-secrets');
  db = await createTestDatabase('escaped_secrets');
  await execSql(db.url, 'CREATE TABLE public.t (x integer)');
  om = await startOpenMetadataDouble({ token: TOKEN, echoBodies: true });
  const config = await writeRestConfig(dir, 'echo.yaml', {
    url: db.url,
    double: om,
    token: TOKEN,
    connection: { authType: { password: PASSWORD } },
    workflowConfig: { loggerLevel: 'DEBUG' },
  });
  result = await runWorker(['run', '-c', config, '--status-json', join(dir, 'status.json')]);
  status = await readFile(join(dir, 'status.json'), 'utf8');
});

afterAll(async () => {
  await om?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a secret in escaped form', () => {
  it('was echoed by the server (the trap is armed)', () => {
    const echoed = om.requests.filter((r) => r.fault === 'echo');
    expect(echoed.some((r) => JSON.stringify(r.body).includes('password'))).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(status).toMatch(/Unrecognized field/);
  });

  it('appears in no encoding in stdout, stderr or the status JSON', () => {
    for (const secret of [PASSWORD, TOKEN]) {
      for (const form of encodedForms(secret, 'postgres')) {
        expect(result.stdout).not.toContain(form);
        expect(result.stderr).not.toContain(form);
        expect(status).not.toContain(form);
      }
    }
    expect(status).toMatch(/\*{8}/);
  });
});
