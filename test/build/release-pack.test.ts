// `npm run release`: the build packed per platform with checksums a user verifies with `sha256sum -c`; the same build
// packs to the same bytes; the unpacked executable runs. Assumes `npm run build` already ran (`npm test` does it first).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRelease, platformTag } from '../../src/build/pack-release.js';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'dist');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omgen-release-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('release artifacts', () => {
  it('pack the same build to the same bytes, with checksums sha256sum verifies', async () => {
    const fakeDist = join(dir, 'dist');
    await execa('mkdir', ['-p', fakeDist]);
    for (const name of ['om-worker', 'om-worker.cjs', 'omgen.cjs']) await writeFile(join(fakeDist, name), `contents of ${name}\n`);
    const first = await packRelease(fakeDist, join(dir, 'one'), '9.9.9');
    const second = await packRelease(fakeDist, join(dir, 'two'), '9.9.9');
    expect(first.map((a) => a.name)).toEqual([`om-worker-9.9.9-${platformTag()}.gz`, 'om-worker-9.9.9.cjs.gz', 'omgen-9.9.9.cjs.gz']);
    expect(second).toEqual(first);
    for (const artifact of first) {
      const packed = await readFile(join(dir, 'one', artifact.name));
      expect(packed.equals(await readFile(join(dir, 'two', artifact.name)))).toBe(true);
      await writeFile(join(dir, 'one', artifact.unpacked), gunzipSync(packed));
    }
    const verified = await execa('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(dir, 'one'), reject: false });
    expect(verified.exitCode, String(verified.stderr)).toBe(0);
    expect(String(verified.stdout).split('\n')).toHaveLength(6);
  });

  it('unpack to an executable that runs on its own', async () => {
    const artifacts = await packRelease(DIST, join(dir, 'real'));
    const worker = artifacts[0];
    const binary = join(dir, 'real', worker?.unpacked ?? '');
    await writeFile(binary, gunzipSync(await readFile(join(dir, 'real', worker?.name ?? ''))));
    await chmod(binary, 0o755);
    const version = await execa(binary, ['--version'], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, extendEnv: false });
    expect(String(version.stdout).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
