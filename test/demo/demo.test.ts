// `npm run demo` as a new user runs it: every workflow kind on the sample database, each summarised from what it
// wrote, their DAGs in dags-out/ (one per workflow and one pipeline), and what to try next, in well under two minutes.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-helpers.js';
import { loadDag, writeAirflowStub } from '../dag/dag-python.js';
import { tempDir } from '../cli/cli-helpers.js';

describe('npm run demo', () => {
  it('runs every workflow kind, summarises each, writes their DAGs and says what to try next', async () => {
    const dagsOut = join(ROOT, 'dags-out');
    const before = new Set(await readdir(dagsOut));
    const result = await execa(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/demo/demo.ts'], {
      cwd: ROOT,
      reject: false,
      timeout: 120_000,
    });
    const added = (await readdir(dagsOut)).filter((name) => !before.has(name));
    try {
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout.match(/Workflow finished in [\d.]+ s: success/g)).toHaveLength(6);
      expect(result.stdout).toMatch(/ {2}Metadata {6}5 schemas, \d+ tables and views, \d+ functions/);
      expect(result.stdout).toMatch(/ {2}Usage {9}[1-9]\d* tables with usage, [1-9]\d* queries/);
      expect(result.stdout).toMatch(/ {2}Lineage {7}[1-9]\d* table lineage edges with [1-9]\d* column mappings/);
      expect(result.stdout).toMatch(/view lineage against pg_depend: 5 views: \d+ edges confirmed, 0 contradicted, 0 missed/);
      expect(result.stdout).toMatch(/ {2}Profiler {6}[1-9]\d* tables profiled, [1-9]\d* with sample rows, [1-9]\d* with PII tags/);
      expect(result.stdout).toMatch(/ {2}Data quality {2}4 test cases: 3 Success, 1 Failed/);
      expect(result.stdout).toMatch(
        / {2}dbt {11}[1-9]\d* data models, [1-9]\d* table lineage edges with \d+ column mappings, dbt tests: [1-9]\d* Success/,
      );
      expect(result.stdout).toMatch(/Next, on your own database:\n {2}cp \S+northwind-metadata\.yaml my-postgres\.yaml/);
      const seconds = Number(/Demo finished in ([\d.]+) s/.exec(result.stdout)?.[1]);
      expect(seconds).toBeLessThan(120);
      const dags = ['metadata', 'usage', 'lineage', 'profiler', 'testSuite', 'dbt', 'nightly'].map((name) => `northwind_pg_${name}.py`);
      expect(added.filter((name) => name.endsWith('.py')).sort()).toEqual([...dags].sort().filter((name) => !before.has(name)));
      const stub = await tempDir('demo-stub');
      await writeAirflowStub(stub);
      const pipeline = await loadDag(stub, join(dagsOut, 'northwind_pg_nightly.py'));
      expect(pipeline.tasks).toHaveLength(6);
      await rm(stub, { recursive: true, force: true });
    } finally {
      for (const name of added) await rm(join(dagsOut, name), { force: true });
    }
  }, 150_000);
});
