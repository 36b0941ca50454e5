/**
 * `npm run release`: packs what `npm run build` made into release artifacts for this platform, each with its SHA-256:
 *
 *   dist/release/om-worker-<version>-<os>-<arch>.gz   the single executable (gunzip, chmod +x, run; nothing else needed)
 *   dist/release/om-worker-<version>.cjs.gz           the worker as one script, for hosts that have Node 20+
 *   dist/release/omgen-<version>.cjs.gz               the DAG generator as one script (Node 20+)
 *   dist/release/SHA256SUMS                           `sha256sum -c` format: each .gz and each unpacked file
 *
 * The executable embeds the Node of the machine that built it, so each platform's artifact is built on that platform
 * (CI runs this once per OS and architecture). Everything is written beside its final name and renamed into place.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OMGEN_VERSION } from '../version.js';
import { tempPathFor } from '../util/temp-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface ReleaseArtifact {
  /** The packed file's name in the release folder. */
  name: string;
  /** The name the file unpacks to. */
  unpacked: string;
  sha256: string;
  unpackedSha256: string;
}

/** The platform part of an artifact's name, as Node names it (`linux-x64`, `darwin-arm64`). */
export const platformTag = (): string => `${process.platform}-${process.arch}`;

async function writeAtomically(file: string, content: Buffer | string): Promise<void> {
  const temp = tempPathFor(file);
  await writeFile(temp, content);
  await rename(temp, file);
}

/** Packs dist/ into `outDir`; returns what it wrote. Pure over its inputs: the same build packs to the same bytes. */
export async function packRelease(distDir: string, outDir: string, version = OMGEN_VERSION): Promise<ReleaseArtifact[]> {
  await mkdir(outDir, { recursive: true });
  const inputs: Array<[string, string]> = [
    ['om-worker', `om-worker-${version}-${platformTag()}`],
    ['om-worker.cjs', `om-worker-${version}.cjs`],
    ['omgen.cjs', `omgen-${version}.cjs`],
  ];
  const artifacts: ReleaseArtifact[] = [];
  for (const [input, unpacked] of inputs) {
    const bytes = await readFile(join(distDir, input));
    // mtime 0 in the gzip header: packing the same build twice gives the same bytes (and the same checksum).
    const packed = gzipSync(bytes, { level: 9 });
    packed.writeUInt32LE(0, 4);
    const name = `${unpacked}.gz`;
    await writeAtomically(join(outDir, name), packed);
    artifacts.push({ name, unpacked, sha256: sha256(packed), unpackedSha256: sha256(bytes) });
  }
  const sums = artifacts.flatMap((a) => [`${a.sha256}  ${a.name}`, `${a.unpackedSha256}  ${a.unpacked}`]).join('\n');
  await writeAtomically(join(outDir, 'SHA256SUMS'), `${sums}\n`);
  return artifacts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = join(ROOT, 'dist', 'release');
  packRelease(join(ROOT, 'dist'), outDir)
    .then((artifacts) => {
      for (const artifact of artifacts) process.stdout.write(`${join('dist', 'release', artifact.name)}  sha256 ${artifact.sha256}\n`);
      process.stdout.write(`${join('dist', 'release', 'SHA256SUMS')}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`release: ${(error as Error).message} (run npm run build first)\n`);
      process.exitCode = 1;
    });
}
