// `om-worker run` on a bad workflow file: exit 2, one clear line naming the key and its line, and nothing written
// (no sink file, no temp file beside it, no status JSON). The connection points at a real server, so the only
// reason to stop is the config itself.
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../support/pg.js';
import { lines, listDir, metadataWorkflowLines, pgTarget, runOmgen, runWorker, tempDir, withLine, writeWorkflow } from './cli-helpers.js';

let dir: string;
let outDir: string;
let sinkFile: string;
let statusFile: string;
let base: string[];

beforeAll(async () => {
  dir = await tempDir('worker-config');
  outDir = join(dir, 'out');
  sinkFile = join(outDir, 'records.ndjson');
  statusFile = join(outDir, 'status.json');
  base = metadataWorkflowLines({ target: pgTarget(adminUrl()), sinkFile });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the worker on the given lines and checks the common contract of a config error. */
async function expectConfigError(name: string, content: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const file = await writeWorkflow(dir, name, content);
  const result = await runWorker(['run', '-c', file, '--status-json', statusFile], { env });
  expect(result.exitCode, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(2);
  const errs = lines(result.stderr);
  expect(errs, result.stderr).toHaveLength(1);
  expect(errs[0].startsWith(`${file}: `)).toBe(true);
  expect(result.stdout).toBe('');
  expect(await listDir(outDir), 'nothing may be written').toEqual([]);
  return errs[0].slice(file.length + 2);
}

describe('om-worker run with an invalid config', () => {
  it('malformed YAML', async () => {
    const message = await expectConfigError('malformed.yaml', withLine(base, 3, '  serviceName: [test_svc'));
    expect(message).toMatch(/^\(top level\) \(line \d+, col \d+\): malformed YAML: /);
  });

  it('a wrong type', async () => {
    const message = await expectConfigError('wrong-type.yaml', withLine(base, 14, '      type: DatabaseMetadata', '      threads: lots'));
    expect(message).toBe('source.sourceConfig.config.threads (line 15, col 7): must be integer, not string "lots"');
  });

  it('an unknown key, with a did-you-mean', async () => {
    const message = await expectConfigError('unknown-key.yaml', withLine(base, 15, '      schemaFilterPatern:'));
    expect(message).toBe(
      "source.sourceConfig.config.schemaFilterPatern (line 15, col 7): unknown key 'schemaFilterPatern'; did you mean 'schemaFilterPattern'?",
    );
  });

  it('an unknown source type', async () => {
    const message = await expectConfigError('unknown-source.yaml', withLine(base, 2, '  type: postgresql'));
    expect(message).toBe("source.type (line 2, col 3): unknown source type 'postgresql'; did you mean 'postgres'?");
  });

  it('an invalid regular expression', async () => {
    const message = await expectConfigError('bad-regex.yaml', withLine(base, 17, '          - "^public$"', '          - "[unclosed"'));
    expect(message).toMatch(/^source\.sourceConfig\.config\.schemaFilterPattern\.includes\[1\] \(line 18, col 13\): invalid regular expression: \S/);
  });

  it('a missing environment variable, named', async () => {
    const message = await expectConfigError('missing-env.yaml', withLine(base, 9, '        password: ${OMGEN_TEST_NEVER_SET_PW}'), {
      OMGEN_TEST_NEVER_SET_PW: undefined,
    });
    expect(message).toBe(
      'source.serviceConnection.config.authType.password (line 9, col 9): environment variable OMGEN_TEST_NEVER_SET_PW is not set',
    );
  });

  it('a hostPort that is not host:port, and a server URL that is no URL (omgen validate finds both too)', async () => {
    const content = withLine(base, 10, '      hostPort: 127.0.0.1:notaport');
    const message = await expectConfigError('bad-host-port.yaml', content);
    expect(message).toBe(
      "source.serviceConnection.config.hostPort (line 10, col 7): '127.0.0.1:notaport' is not host:port (e.g. localhost:5432, [::1]:5432, or a host alone for port 5432)",
    );
    const server = withLine(base, 24, '    hostPort: localhost:8585/api');
    expect(await expectConfigError('bad-server.yaml', server)).toBe(
      "workflowConfig.openMetadataServerConfig.hostPort (line 24, col 5): 'localhost:8585/api' is not an http(s) URL (e.g. http://localhost:8585/api)",
    );
    for (const file of ['bad-host-port.yaml', 'bad-server.yaml']) {
      const validated = await runOmgen(['validate', join(dir, file)]);
      expect(validated.exitCode).toBe(2);
      expect(validated.stderr).toMatch(/is not (host:port|an http\(s\) URL)/);
    }
  });

  it('a dbt artifact path that does not exist here: exit 2 naming the key, before anything is read', async () => {
    const file = join(dir, 'dbt.yaml');
    await copyFile(join(import.meta.dirname, '../fixtures/workflows/dbt.yaml'), file);
    const result = await runWorker(['run', '-c', file, '--status-json', statusFile]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'source.sourceConfig.config.dbtConfigSource.dbtManifestFilePath (line 9, col 9): /opt/dbt/target/manifest.json: no such file here',
    );
    expect(result.stderr).toContain('dbtRunResultsFilePath (line 11, col 9): /opt/dbt/target/run_results.json: no such file here');
    expect(await listDir(outDir)).toEqual([]);
    const validated = await runOmgen(['validate', file]);
    expect(validated.exitCode, validated.stderr).toBe(0);
  });

  it('a certificate path that does not exist here (omgen validate, which may run elsewhere, accepts it)', async () => {
    const content = withLine(base, 11, base[10], '      sslMode: verify-ca', '      sslConfig:', '        caCertificate: /nonexistent/ca.pem');
    const message = await expectConfigError('missing-ca.yaml', content);
    expect(message).toBe(
      "source.serviceConnection.config.sslConfig.caCertificate (line 14, col 9): '/nonexistent/ca.pem' is neither PEM text nor a file that exists here",
    );
    const validated = await runOmgen(['validate', join(dir, 'missing-ca.yaml')]);
    expect(validated.exitCode, validated.stderr).toBe(0);
  });

  it("the server's CA file that does not exist, when verifySSL is validate", async () => {
    const content = [...base, '    verifySSL: validate', '    sslConfig:', '      caCertificate: /nonexistent/om-ca.pem'];
    const message = await expectConfigError('missing-om-ca.yaml', content);
    expect(message).toBe(
      "workflowConfig.openMetadataServerConfig.sslConfig.caCertificate (line 30, col 7): '/nonexistent/om-ca.pem' is neither PEM text nor a file that exists here",
    );
  });

  it('a config file that does not exist', async () => {
    const missing = join(dir, 'absent.yaml');
    const result = await runWorker(['run', '-c', missing, '--status-json', statusFile]);
    expect(result.exitCode).toBe(2);
    expect(lines(result.stderr)).toEqual([`${missing}: (top level): cannot read ${missing}: no such file`]);
    expect(await listDir(outDir)).toEqual([]);
  });

  it('never prints a literal secret from a file it rejects', async () => {
    // A numeric password is a type error; the message must describe it without echoing it.
    const message = await expectConfigError('secret.yaml', withLine(base, 9, '        password: 918273645'));
    expect(message).toBe('source.serviceConnection.config.authType.password (line 9, col 9): must be string, not a number');
    const result = await runWorker(['run', '-c', join(dir, 'secret.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(`${result.stdout}${result.stderr}`).not.toContain('918273645');
  });

  it('a wrong command line is a usage error (2), never 1, which means failures over the threshold', async () => {
    const noConfig = await runWorker(['run', '--status-json', statusFile]);
    expect(noConfig.exitCode).toBe(2);
    expect(noConfig.stderr).toMatch(/required option '-c, --config <file>' not specified/);
    const unknownOption = await runWorker(['run', '-c', join(dir, 'x.yaml'), '--bogus']);
    expect(unknownOption.exitCode).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--bogus'/);
    expect((await runWorker(['frobnicate'])).exitCode).toBe(2);
    expect((await runWorker(['run', '--help'])).exitCode).toBe(0);
    expect(await listDir(outDir)).toEqual([]);
  });
});
