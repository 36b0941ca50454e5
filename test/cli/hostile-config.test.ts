// Config built to exhaust the worker or the generator (alias bombs, megabyte values, huge lists) is refused at once
// as a config error (exit 2) naming the line or key, in one short line, by om-worker run, omgen validate and omgen dag.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../support/pg.js';
import { lines, listDir, metadataWorkflowLines, pgTarget, runOmgen, runWorker, tempDir, withLine, writeWorkflow } from './cli-helpers.js';

let dir: string;
let outDir: string;
let base: string[];

beforeAll(async () => {
  dir = await tempDir('hostile-config');
  outDir = join(dir, 'out');
  base = metadataWorkflowLines({ target: pgTarget(adminUrl()), sinkFile: join(outDir, 'records.ndjson') });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 9 aliases per level, `levels` deep: 9^levels values once expanded, from a file of a few hundred bytes. */
function aliasBomb(levels: number): string[] {
  const out = ['bomb:', '  l0: &l0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++)
    out.push(
      `  l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return out;
}

/** Runs all three programs on the file; each must refuse it with exit 2 and short lines, writing nothing. */
async function refusedEverywhere(name: string, content: string[]): Promise<string[]> {
  const file = await writeWorkflow(dir, name, content);
  const results = await Promise.all([runWorker(['run', '-c', file]), runOmgen(['validate', file]), runOmgen(['dag', file, '--out', outDir])]);
  for (const result of results) {
    expect(result.exitCode, result.stderr.slice(0, 2000)).toBe(2);
    for (const line of lines(result.stderr)) expect(line.length, line.slice(0, 300)).toBeLessThan(600);
  }
  expect(await listDir(outDir)).toEqual([]);
  return results.map((r) => lines(r.stderr).join('\n'));
}

describe('hostile config', () => {
  it('refuses a nested alias bomb at the alias that passes the budget', async () => {
    const content = [...base, ...aliasBomb(8)];
    const outputs = await refusedEverywhere('bomb.yaml', content);
    const bombLine = base.length + 2 + 5; // l5, whose aliases stand for 66,430 values each
    for (const output of outputs)
      expect(output).toMatch(new RegExp(`\\(line ${bombLine}, col \\d+\\): YAML aliases expand to more than 100,000 values`));
  });

  it('accepts aliases that stay within the budget', async () => {
    const file = await writeWorkflow(dir, 'aliases.yaml', [
      ...withLine(base, 17, '          - &public ^public$'),
      '# reused once more, as real configs do',
      'x-anchors: [*public]',
    ]);
    const result = await runOmgen(['validate', file]);
    // The top-level x-anchors key is unknown, so it is refused as such: the aliases themselves were fine.
    expect(result.stderr).toMatch(/x-anchors \(line 29, col 1\): unknown key 'x-anchors'/);
    expect(result.stderr).not.toMatch(/YAML aliases/);
  });

  it('refuses an alias inside the node it names', async () => {
    const outputs = await refusedEverywhere('cycle.yaml', [...base, 'loop: &loop [a, *loop]']);
    for (const output of outputs) expect(output).toMatch(/\(line 28, col \d+\): alias \*loop refers to the node it is part of/);
  });

  it('bounds names by OpenMetadata limits, with the key path', async () => {
    const outputs = await refusedEverywhere('long-name.yaml', withLine(base, 3, `  serviceName: ${'s'.repeat(257)}`));
    for (const output of outputs) expect(output).toMatch(/source\.serviceName \(line 3, col 3\): must NOT have more than 256 characters/);
    const fqn = await refusedEverywhere('long-fqn.yaml', [...base, `ingestionPipelineFQN: svc.${'p'.repeat(3100)}`]);
    for (const output of fqn) expect(output).toMatch(/ingestionPipelineFQN \(line 28, col 1\): must NOT have more than 3072 characters/);
  });

  it('refuses a megabyte value by its key, without echoing it', async () => {
    const outputs = await refusedEverywhere('huge-value.yaml', withLine(base, 10, `      hostPort: ${'h'.repeat(2_000_000)}:5432`));
    for (const output of outputs) {
      expect(output).toMatch(
        /source\.serviceConnection\.config\.hostPort \(line 10, col 7\): a value of 2,000,005 characters; at most 1,048,576 are accepted/,
      );
    }
  });

  it('refuses a file of many megabytes before parsing it', async () => {
    const outputs = await refusedEverywhere('huge-file.yaml', withLine(base, 10, `      hostPort: ${'h'.repeat(50_000_000)}:5432`));
    for (const output of outputs) expect(output).toMatch(/is 47\.7 MiB; a workflow file of at most 8\.0 MiB is accepted/);
  });

  it('caps a filter list at 10,000 patterns', async () => {
    const patterns = Array.from({ length: 20_000 }, (_, i) => `          - ^t${i}$`);
    const outputs = await refusedEverywhere('many-patterns.yaml', withLine(base, 17, ...patterns));
    for (const output of outputs) {
      expect(output).toMatch(
        /source\.sourceConfig\.config\.schemaFilterPattern\.includes \(line 16, col 9\): a list of 20,000 entries; at most 10,000 are accepted/,
      );
    }
  });

  it('clips a long value echoed in an error message', async () => {
    const file = await writeWorkflow(dir, 'long-type.yaml', withLine(base, 2, `  type: ${'q'.repeat(100_000)}`));
    const result = await runWorker(['run', '-c', file]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/source\.type \(line 2, col 3\): unknown source type 'q{80}… \(100,000 characters\)'/);
  });

  it('reports a __proto__ key as unknown instead of dropping it', async () => {
    const outputs = await refusedEverywhere('proto.yaml', [...base, '__proto__:', '  polluted: true']);
    for (const output of outputs) expect(output).toMatch(/__proto__ \(line 28, col 1\): unknown key '__proto__'/);
  });

  it('writes a DAG for the longest names OpenMetadata allows, within the file system limit', async () => {
    const dagDir = join(dir, 'long-dags');
    const longService = withLine(base, 3, `  serviceName: ${'s'.repeat(256)}`);
    const pipeline = [...base, `ingestionPipelineFQN: svc.${'p'.repeat(256)}`];
    for (const [name, content] of [
      ['long-service.yaml', longService],
      ['long-pipeline.yaml', pipeline],
    ] as const) {
      const result = await runOmgen(['dag', await writeWorkflow(dir, name, content), '--out', dagDir]);
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const files = await listDir(dagDir);
    expect(files.sort()).toEqual([`${'p'.repeat(250)}.py`, `${'p'.repeat(250)}.yaml`, `${'s'.repeat(250)}.py`, `${'s'.repeat(250)}.yaml`]);
  });
});
