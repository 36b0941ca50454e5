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
