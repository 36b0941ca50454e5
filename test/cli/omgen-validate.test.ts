// `omgen validate FILE...`: OK or every error per file, notes for accepted-but-unused keys, exit 2 on any error.
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, lines, metadataWorkflowLines, runOmgen, tempDir, withLine, writeWorkflow, type PgTarget } from './cli-helpers.js';

const target: PgTarget = { hostPort: 'localhost:5432', username: 'etl', password: 'pw', database: 'pagila' };
let dir: string;
let valid: string;

beforeAll(async () => {
  dir = await tempDir('validate');
  valid = await writeWorkflow(dir, 'valid.yaml', metadataWorkflowLines({ target, sinkFile: join(dir, 'out.ndjson') }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('omgen validate', () => {
  it('prints OK for every fixture and exits 0', async () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(FIXTURES, f));
    expect(files.length).toBeGreaterThanOrEqual(7);
    const result = await runOmgen(['validate', ...files], { env: { PG_PASSWORD: 'from-env' } });
    expect(result.exitCode, result.stderr).toBe(0);
    for (const file of files) expect(result.stdout).toContain(`${file}: OK`);
    expect(result.stderr).toBe('');
  });

  it('notes each accepted-but-unused key once, with its line, without failing', async () => {
    const file = join(FIXTURES, 'metadata-postgres.yaml');
    const result = await runOmgen(['validate', file], { env: { PG_PASSWORD: 'from-env' } });
    expect(result.exitCode).toBe(0);
    const notes = lines(result.stdout).filter((l) => l.includes(': note: '));
    const incremental = notes.filter((n) => n.includes('.incremental '));
    expect(incremental).toHaveLength(1);
    expect(incremental[0]).toMatch(/: note: source\.sourceConfig\.config\.incremental \(line 47\) is accepted but not used \(.+\)$/);
    expect(incremental[0].startsWith(`${file}: note: `)).toBe(true);
    const paths = notes.map((n) => /note: (\S+)/.exec(n)?.[1]);
    expect(paths).toEqual([...new Set(paths)]);
    expect(paths).toEqual(expect.arrayContaining(['source.sourceConfig.config.queryLogDuration', 'source.sourceConfig.config.incremental']));
  });

  it('notes a variable not set here, and still finds the real mistakes around it', async () => {
    const file = join(FIXTURES, 'metadata-postgres.yaml');
    const result = await runOmgen(['validate', file], { env: { PG_PASSWORD: undefined } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lines(result.stdout)).toContain(`${file}: note: not set here, so not checked: PG_PASSWORD (they must be set where om-worker runs)`);

    // A typo and a wrong type next to unset variables are reported, the variables are not.
    const base = metadataWorkflowLines({ target, sinkFile: join(dir, 'out.ndjson'), passwordLine: '        password: ${OMGEN_NEVER_SET_PW}' });
    const broken = withLine(withLine(base, 15, '      schemaFilterPatern:'), 10, '      hostPort: ${OMGEN_NEVER_SET_HOST}:5432');
    const typo = await writeWorkflow(
      dir,
      'typo-with-vars.yaml',
      withLine(broken, 14, '      type: DatabaseMetadata', '      threads: $OMGEN_NEVER_SET_THREADS', '      includeViews: sometimes'),
    );
    const checked = await runOmgen(['validate', typo], {
      env: { OMGEN_NEVER_SET_PW: undefined, OMGEN_NEVER_SET_HOST: undefined, OMGEN_NEVER_SET_THREADS: undefined },
    });
    expect(checked.exitCode).toBe(2);
    expect(lines(checked.stderr)).toEqual([
      `${typo}: source.sourceConfig.config.includeViews (line 16, col 7): must be boolean, not string "sometimes"`,
      `${typo}: source.sourceConfig.config.schemaFilterPatern (line 17, col 7): unknown key 'schemaFilterPatern'; did you mean 'schemaFilterPattern'?`,
    ]);
  });

  it('prints every error of every bad file, still says OK for the good ones, and exits 2', async () => {
    const base = metadataWorkflowLines({ target, sinkFile: join(dir, 'out.ndjson') });
    const twoErrors = await writeWorkflow(
      dir,
      'two-errors.yaml',
      withLine(withLine(base, 15, '      schemaFilterPatern:'), 3, '  serviceNam: test_svc', '  serviceName: test_svc'),
    );
    const badRegex = await writeWorkflow(dir, 'bad-regex.yaml', withLine(base, 17, '          - "^public$"', '          - "(oops"'));
    const result = await runOmgen(['validate', twoErrors, valid, badRegex]);
    expect(result.exitCode).toBe(2);
    expect(lines(result.stdout)).toEqual([`${valid}: OK`]);
    expect(lines(result.stderr)).toEqual([
      `${twoErrors}: source.serviceNam (line 3, col 3): unknown key 'serviceNam'; did you mean 'serviceName'?`,
      `${twoErrors}: source.sourceConfig.config.schemaFilterPatern (line 16, col 7): unknown key 'schemaFilterPatern'; did you mean 'schemaFilterPattern'?`,
      `${badRegex}: source.sourceConfig.config.schemaFilterPattern.includes[1] (line 18, col 13): invalid regular expression: Unterminated group`,
    ]);
  });

  it('reports malformed YAML with its line, and wrong types naming the key', async () => {
    const base = metadataWorkflowLines({ target, sinkFile: join(dir, 'out.ndjson') });
    const malformed = await writeWorkflow(dir, 'malformed.yaml', withLine(base, 3, '  serviceName: [test_svc'));
    const wrongType = await writeWorkflow(
      dir,
      'wrong-type.yaml',
      withLine(base, 14, '      type: DatabaseMetadata', '      includeViews: sometimes'),
    );
    const result = await runOmgen(['validate', malformed, wrongType]);
    expect(result.exitCode).toBe(2);
    const [first, second, ...rest] = lines(result.stderr);
    expect(first).toMatch(
      new RegExp(`^${malformed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(top level\\) \\(line \\d+, col \\d+\\): malformed YAML: `),
    );
    expect(second).toBe(`${wrongType}: source.sourceConfig.config.includeViews (line 15, col 7): must be boolean, not string "sometimes"`);
    expect(rest).toEqual([]);
  });

  it('exits 2 for a file that does not exist or has the wrong extension', async () => {
    const missing = join(dir, 'absent.yaml');
    const result = await runOmgen(['validate', missing, join(dir, 'notes.txt')]);
    expect(result.exitCode).toBe(2);
    const errs = lines(result.stderr);
    expect(errs[0]).toBe(`${missing}: (top level): cannot read ${missing}: no such file`);
    expect(errs[1]).toMatch(/notes\.txt: .*must end in \.yaml, \.yml or \.json/);
  });

  it('asks for at least one file', async () => {
    const result = await runOmgen(['validate']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/missing required argument/i);
  });
});
