// Loading a workflow file: YAML parsing with positions, environment expansion, nulls, and what the loader rejects
// before validation even starts (unreadable files, malformed YAML, a document that is not a mapping).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, formatIssue, type ConfigIssue } from '../../src/config/config-error.js';
import { loadWorkflowFile, loadWorkflowText } from '../../src/config/load-workflow.js';
import { parseWorkflowText, readWorkflowFile } from '../../src/config/load-yaml.js';
import type { PostgresConnectionConfig } from '../../src/config/types.js';

/** A valid metadata workflow; line numbers matter: 9 password, 10 hostPort, 11 database, 18 filename. */
const WORKFLOW = [
  'source:', //                                1
  '  type: postgres', //                       2
  '  serviceName: local_pg', //                3
  '  serviceConnection:', //                   4
  '    config:', //                            5
  '      type: Postgres', //                   6
  '      username: etl', //                    7
  '      authType:', //                        8
  '        password: ${PG_PASSWORD}', //       9
  '      hostPort: "$PG_HOST:${PG_PORT}"', // 10
  '      database: $PG_DB', //                11
  '  sourceConfig:', //                       12
  '    config:', //                           13
  '      type: DatabaseMetadata', //          14
  'sink:', //                                 15
  '  type: file', //                          16
  '  config:', //                             17
  '    filename: /tmp/out.ndjson', //         18
  'workflowConfig:', //                       19
  '  openMetadataServerConfig:', //           20
  '    hostPort: http://localhost:8585/api', // 21
  '    authProvider: openmetadata', //        22
].join('\n');

const ENV = { PG_PASSWORD: 'pw-from-env', PG_HOST: 'db.internal', PG_PORT: '6543', PG_DB: 'pagila' };

function issuesOf(fn: () => unknown): ConfigIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

function connectionOf(text: string, env: Record<string, string>): PostgresConnectionConfig {
  return loadWorkflowText(text, 'w.yaml', env).config.source.serviceConnection?.config as PostgresConnectionConfig;
}

describe('environment expansion in a workflow', () => {
  it('substitutes ${VAR} and $VAR from the given environment', () => {
    const connection = connectionOf(WORKFLOW, ENV);
    expect(connection.authType?.password).toBe('pw-from-env');
    expect(connection.hostPort).toBe('db.internal:6543');
    expect(connection.database).toBe('pagila');
  });

  it('keeps the expanded values in asWritten too, without the defaults', () => {
    const loaded = loadWorkflowText(WORKFLOW, 'w.yaml', ENV);
    expect(loaded.asWritten.source.serviceConnection?.config.authType?.password).toBe('pw-from-env');
    expect(loaded.asWritten.source.serviceConnection?.config.sslMode).toBeUndefined();
    expect(loaded.config.source.serviceConnection?.config.sslMode).toBe('disable');
  });

  it('reports a missing variable naming it, with the key path and line', () => {
    const { PG_PASSWORD: _unused, ...env } = ENV;
    const issues = issuesOf(() => loadWorkflowText(WORKFLOW, 'w.yaml', env));
    expect(issues.map(formatIssue)).toEqual([
      'source.serviceConnection.config.authType.password (line 9, col 9): environment variable PG_PASSWORD is not set',
    ]);
  });

  it('reports every missing variable at once, in file order', () => {
    const issues = issuesOf(() => loadWorkflowText(WORKFLOW, 'w.yaml', {}));
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [9, 'environment variable PG_PASSWORD is not set'],
      [10, 'environment variable PG_HOST is not set'],
      [10, 'environment variable PG_PORT is not set'],
      [11, 'environment variable PG_DB is not set'],
    ]);
  });

  it('makes a plain $VAR a number where the schema needs one, and a quoted one stays a string', () => {
    const text = `${WORKFLOW}\nairflowConfig:\n  retries: $RETRIES\n  owner: "$RETRIES"\n`;
    const loaded = loadWorkflowText(text, 'w.yaml', { ...ENV, RETRIES: '3' });
    expect(loaded.config.airflowConfig?.retries).toBe(3);
    expect(loaded.config.airflowConfig?.owner).toBe('3');
  });

  it('keeps a plain $VAR as the text it holds where the schema wants a string: a password of digits, true or null', () => {
    for (const secret of ['123456', '0012', 'true', 'null', '1e3']) {
      const connection = connectionOf(WORKFLOW, { ...ENV, PG_PASSWORD: secret, PG_DB: secret });
      expect(connection.authType?.password, secret).toBe(secret);
      expect(connection.database, secret).toBe(secret);
    }
  });

  it('leaves $$ (and the name after it) and a $ before anything but a name as written, as OpenMetadata does', () => {
    const connection = connectionOf(
      WORKFLOW.replace('${PG_PASSWORD}', () => "'pa$$word$1$-${PG_DB}'"),
      ENV,
    );
    expect(connection.authType?.password).toBe('pa$$word$1$-pagila');
  });
});

describe('what the loader rejects', () => {
  it('malformed YAML: one issue with the line and column of the problem', () => {
    const text = ['source:', '  type: postgres', '  serviceName: [unclosed', 'sink:', '  type: file'].join('\n');
    const issues = issuesOf(() => parseWorkflowText(text, 'w.yaml', {}));
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^malformed YAML: /);
    expect(issues[0].line).toBe(4);
    expect(issues[0].column).toBeGreaterThanOrEqual(1);
  });

  it('bad indentation, pointing at the offending line', () => {
    const issues = issuesOf(() => parseWorkflowText('source:\n  type: postgres\n   serviceName: x\n', 'w.yaml', {}));
    expect(issues).toEqual([expect.objectContaining({ path: '', line: 3, message: expect.stringMatching(/^malformed YAML: .*indentation/) })]);
  });

  it('a duplicated key', () => {
    const issues = issuesOf(() => parseWorkflowText('sink:\n  type: file\nsink:\n  type: file\n', 'w.yaml', {}));
    expect(issues[0]).toMatchObject({ line: 3, message: expect.stringMatching(/duplicated mapping key/) });
  });

  it('an empty file, or one that holds a list or a scalar', () => {
    expect(issuesOf(() => parseWorkflowText('', 'w.yaml', {}))[0].message).toMatch(/malformed YAML|must hold a mapping/);
    expect(issuesOf(() => parseWorkflowText('- source\n', 'w.yaml', {}))[0].message).toMatch(/must hold a mapping/);
    expect(issuesOf(() => parseWorkflowText('just text\n', 'w.yaml', {}))[0].message).toMatch(/must hold a mapping/);
  });

  it('does not expand variables in a file it cannot parse', () => {
    const issues = issuesOf(() => parseWorkflowText('a: $MISSING\n b: [\n', 'w.yaml', {}));
    expect(issues.every((i) => i.message.startsWith('malformed YAML'))).toBe(true);
  });
});

describe('ConfigError', () => {
  it('carries exit code 2, the file, and one line per issue', () => {
    const error = new ConfigError('w.yaml', [
      { path: 'a', line: 1, column: 1, message: 'x' },
      { path: 'b.c', line: 2, column: 3, message: 'y' },
    ]);
    expect(error.exitCode).toBe(2);
    expect(error.file).toBe('w.yaml');
    expect(error.message).toBe('a (line 1, col 1): x\nb.c (line 2, col 3): y');
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omgen-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads .yaml, .yml and .json files', async () => {
    for (const name of ['w.yaml', 'w.yml']) {
      await writeFile(join(dir, name), WORKFLOW);
      expect(loadWorkflowFile(join(dir, name), ENV).config.source.serviceName).toBe('local_pg');
    }
    const json = loadWorkflowText(WORKFLOW, 'w.yaml', ENV).asWritten;
    await writeFile(join(dir, 'w.json'), JSON.stringify(json, null, 2));
    expect(loadWorkflowFile(join(dir, 'w.json'), {}).config.source.serviceConnection?.config.hostPort).toBe('db.internal:6543');
  });

  it('refuses other extensions and names a missing file', async () => {
    await writeFile(join(dir, 'w.txt'), WORKFLOW);
    expect(issuesOf(() => readWorkflowFile(join(dir, 'w.txt')))[0].message).toMatch(/must end in \.yaml, \.yml or \.json/);
    expect(issuesOf(() => readWorkflowFile(join(dir, 'absent.yaml')))[0].message).toMatch(/cannot read .*absent\.yaml: no such file/);
  });

  it('reads a sourceConfig.config without type as the metadata pipeline, as OpenMetadata does', () => {
    const loaded = loadWorkflowText(WORKFLOW.replace('      type: DatabaseMetadata', '      includeViews: false'), 'w.yaml', ENV);
    expect(loaded.config.source.sourceConfig.config.type).toBe('DatabaseMetadata');
    expect(loaded.config.source.sourceConfig.config).toMatchObject({ includeViews: false, markDeletedTables: true });
    expect(loaded.asWritten.source.sourceConfig.config.type).toBeUndefined();
  });

  it('reads a key with no value as absent, as OpenMetadata does', () => {
    const text = WORKFLOW.replace('      type: DatabaseMetadata', '      type: DatabaseMetadata\n      tableFilterPattern:\n      threads:');
    const loaded = loadWorkflowText(text, 'w.yaml', ENV);
    const pipeline = loaded.config.source.sourceConfig.config as Record<string, unknown>;
    expect(pipeline.tableFilterPattern).toBeUndefined();
    expect(pipeline.threads).toBe(1);
  });
});
