/**
 * The one-file worker: dist/om-worker must run on its own, from an empty folder, without node_modules or NODE_PATH.
 * Assumes `npm run build` already ran (`npm test` runs it first).
 */
import { copyFile, lstat, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const BUILT_WORKER = join(ROOT, 'dist', 'om-worker');

/** The environment of this process minus anything that could let the executable find modules outside itself. */
function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}

describe('dist/om-worker (single executable)', () => {
  let folder: string;
  let worker: string;

  beforeAll(async () => {
    const built = await lstat(BUILT_WORKER).catch(() => undefined);
    if (!built) {
      throw new Error(`${BUILT_WORKER} is missing: run \`npm run build\` first (\`npm test\` does it for you)`);
    }
    folder = await mkdtemp(join(tmpdir(), 'omgen-worker-test-'));
    worker = join(folder, 'om-worker');
    await copyFile(BUILT_WORKER, worker); // copyFile keeps the executable mode
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('is a single regular file that embeds Node (> 40 MB)', async () => {
    const info = await lstat(BUILT_WORKER);
    expect(info.isFile(), 'dist/om-worker must be a regular file, not a symlink or folder').toBe(true);
    expect(info.size).toBeGreaterThan(40 * 1024 * 1024);
    expect(info.mode & 0o111, 'dist/om-worker must be executable').not.toBe(0);
  });

  it('prints the package version from an empty folder, without node_modules or NODE_PATH', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await execa(worker, ['--version'], {
      cwd: folder,
      env: isolatedEnv(),
      extendEnv: false,
      reject: false,
      timeout: 20_000,
    });
    expect(result.exitCode, `stderr: ${result.stderr}`).toBe(0);
    const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(result.stdout).toMatch(new RegExp(`(^|[\\sv])${escaped}($|\\s)`));
    expect(result.stderr).not.toMatch(/ExperimentalWarning|single executable/i);
  });

  it.runIf(process.platform === 'linux')('links only system libraries dynamically (no libnode, no node_modules)', async () => {
    const { stdout } = await execa('ldd', [worker], { env: isolatedEnv(), extendEnv: false });
    const lines = stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/libnode/);
    expect(stdout).not.toMatch(/node_modules/);
    expect(stdout).not.toMatch(/not found/);
    for (const line of lines) {
      // e.g. "linux-vdso.so.1 (0x…)", "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)", "/lib64/ld-linux-x86-64.so.2 (0x…)"
      const path = line.includes('=>') ? line.split('=>')[1].trim().split(' ')[0] : line.split(' ')[0];
      const isVirtual = !path.startsWith('/');
      expect(isVirtual || /^\/(usr\/)?lib(64|32|x32)?\//.test(path), `not a system library: ${line}`).toBe(true);
    }
  });
});
