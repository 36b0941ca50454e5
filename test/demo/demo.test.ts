// `npm run demo` as a new user runs it: the metadata workflow on the sample database, a DAG, and what to try next;
// it leaves nothing in the repository (its DAG would name an embedded server that is gone once it ends).
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-helpers.js';

describe('npm run demo', () => {
  it('runs the workflow, writes its DAG beside its own files, and says what to try next', async () => {
    const before = await readdir(join(ROOT, 'dags-out'));
    const result = await execa(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/demo/demo.ts'], {
      cwd: ROOT,
      reject: false,
      timeout: 120_000,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Workflow finished in [\d.]+ s: success/);
    // The lineage workflow of the same service: view lineage checked against pg_depend, every statement parsed.
    expect(result.stdout).toMatch(/view lineage against pg_depend: 5 views: \d+ edges confirmed, 0 contradicted, 0 missed/);
    expect(result.stdout).toMatch(/statements parsed: 100\.0 %/);
    expect(result.stdout).toMatch(/northwind_pg\.northwind\.sales\.orders -> northwind_pg\.northwind\.sales\.order_summary_v \(ViewLineage/);
    const dag = /Airflow DAG for the same workflow: (\S+\.py)/.exec(result.stdout)?.[1];
    expect(dag).toMatch(/omgen-demo-[^/]+\/dags\/northwind_pg_metadata\.py$/);
    expect(result.stdout).toMatch(/Next, on your own database:\n {2}cp \S+northwind-metadata\.yaml my-postgres\.yaml/);
    expect(await readdir(join(ROOT, 'dags-out'))).toEqual(before);
    await rm(dirname(dirname(String(dag))), { recursive: true, force: true });
  }, 150_000);
});
