/**
 * The parser travels inside the built worker: dist/om-worker and dist/om-worker.cjs, copied alone into an empty folder,
 * run a lineage workflow (which parses every statement with libpg-query's wasm) against a real Postgres.
 * Assumes `npm run build` already ran (`npm test` does it first).
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineageWorkflow } from '../support/run-lineage.js';
import { profilerWorkflow, runProfiler } from '../support/run-profiler.js';
import { parseNdjson } from '../support/run-metadata.js';
import { runUsage, usageCounts, usageWorkflow } from '../support/run-usage.js';
import { buildWarehouse } from '../support/lineage-workload.js';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { serverMajor } from '../support/fixture-db.js';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'dist');

let db: TestDatabase;
let folder: string;

beforeAll(async () => {
  db = await createTestDatabase('binary_lineage');
  await buildWarehouse(db.url, await serverMajor(db.url));
  folder = await mkdtemp(join(tmpdir(), 'omgen-binary-lineage-'));
  await copyFile(join(DIST, 'om-worker'), join(folder, 'om-worker'));
  await copyFile(join(DIST, 'om-worker.cjs'), join(folder, 'om-worker.cjs'));
});

afterAll(async () => {
  await db?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const env = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^NODE_(PATH|OPTIONS)$/.test(entry[0])),
  );

describe('the built worker parses SQL without node_modules', () => {
  for (const [name, command] of [
    ['dist/om-worker', (config: string) => [join(folder, 'om-worker'), ['run', '-c', config]] as const],
    ['dist/om-worker.cjs', (config: string) => [process.execPath, [join(folder, 'om-worker.cjs'), 'run', '-c', config]] as const],
  ] as const) {
    it(`${name} runs a lineage workflow from an empty folder`, async () => {
      const output = join(folder, `${name.replace(/\W/g, '_')}.ndjson`);
      const config = join(folder, `${name.replace(/\W/g, '_')}.yaml`);
      await writeFile(config, JSON.stringify(lineageWorkflow(db.url, output)));
      const [file, args] = command(config);
      const result = await execa(file, args, { cwd: folder, env: env(), extendEnv: false, reject: false, timeout: 60_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/statements parsed: 100\.0 %/);
      const lines = (await readFile(output, 'utf8')).trim().split('\n');
      const edges = lines.map((line) => JSON.parse(line) as { type: string; data: { edge: { toEntity: { fullyQualifiedName: string } } } });
      expect(edges.every((line) => line.type === 'addLineage')).toBe(true);
      expect(edges.map((line) => line.data.edge.toEntity.fullyQualifiedName)).toContain(`wh.${db.name}.mart.daily_revenue`);
    });
  }
});

describe('the built worker analyses usage on a second thread', () => {
  it('dist/om-worker and dist/om-worker.cjs count a 3,000-statement query log as the sources do in one thread', async () => {
    const log = join(folder, 'log.csv');
    const statements = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0
        ? `"select o.id, c.name from raw.orders o join raw.customers c on c.id = o.customer_id where o.amount > ${i}",analyst,2026-12-01 10:00:00,,1,,,`
        : i % 3 === 1
          ? `"insert into mart.customer_status (customer_id, last_status) select customer_id, status from raw.orders where id = ${i}",etl,2026-12-01 11:00:00,,1,,,`
          : `"select count(*) from raw.customers where region = 'r${i}'",analyst,2026-12-02 09:00:00,,1,,,`,
    );
    await writeFile(log, ['query_text,user_name,start_time,end_time,duration,database_name,schema_name,aborted', ...statements].join('\n'));
    const inProcess = await runUsage(db.url, join(folder, 'in-process'), { queryLogFilePath: log });
    expect(inProcess.result.exitCode).toBe(0);
    const expected = usageCounts(inProcess.lines);
    expect(expected.get(`wh.${db.name}.raw.orders`)).toBe(2000);
    for (const [name, command] of [
      ['om-worker', (config: string) => [join(folder, 'om-worker'), ['run', '-c', config]] as const],
      ['om-worker.cjs', (config: string) => [process.execPath, [join(folder, 'om-worker.cjs'), 'run', '-c', config]] as const],
    ] as const) {
      const stage = join(folder, `usage-${name}`);
      const output = join(stage, 'usage.ndjson');
      const config = join(folder, `usage-${name}.yaml`);
      await writeFile(config, JSON.stringify(usageWorkflow(db.url, stage, { file: output, sourceConfig: { queryLogFilePath: log } })));
      const [file, args] = command(config);
      const result = await execa(file, args, { cwd: folder, env: env(), extendEnv: false, reject: false, timeout: 60_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/statements parsed: 100\.0 % \(3000 of 3000\)/);
      const onThread = Number(/statements analysed on a second thread: (\d+)/.exec(result.stdout)?.[1] ?? 0);
      expect(onThread, result.stdout).toBeGreaterThan(0);
      expect(usageCounts(parseNdjson(await readFile(output, 'utf8')))).toEqual(expected);
    }
  });
});

describe('the built worker profiles', () => {
  it('dist/om-worker gives the profiles, sample rows and PII tags the sources give', async () => {
    const sourceConfig = { schemaFilterPattern: { includes: ['^raw$'] }, processPiiSensitive: true, randomizedSample: false };
    const inProcess = await runProfiler(db.url, sourceConfig);
    expect(inProcess.result.exitCode).toBe(0);
    const output = join(folder, 'profile.ndjson');
    const config = join(folder, 'profile.yaml');
    await writeFile(config, JSON.stringify(profilerWorkflow(db.url, output, sourceConfig)));
    const result = await execa(join(folder, 'om-worker'), ['run', '-c', config], {
      cwd: folder,
      env: env(),
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // Timestamps differ between the runs, and tables finish in any order (threadCount 5); nothing else may differ.
    const comparable = (lines: Array<{ type: string; data: unknown }>) =>
      lines.map((line) => JSON.stringify(line).replace(/"timestamp":\d+/g, '"timestamp":0')).sort();
    const built = parseNdjson(await readFile(output, 'utf8'));
    expect(built.filter((l) => l.type === 'tableProfile').length).toBeGreaterThan(1);
    expect(comparable(built)).toEqual(comparable(inProcess.lines));
  });
});
