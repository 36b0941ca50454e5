import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Size, build time and commit of a worker build, flagged when src/ changed after it was built (figures of a stale build mislead). */
export function workerFacts(worker: string): string {
  const info = statSync(worker);
  const head = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', 'src']) ? ', src/ has uncommitted changes' : '';
  const srcNewest = newestMtime(path.join(ROOT, 'src'));
  const stale =
    srcNewest > info.mtimeMs ? `; **older than src/** (last change ${new Date(srcNewest).toISOString()}): rebuild with npm run build` : '';
  return `${path.relative(ROOT, worker)} (${(info.size / 1024 / 1024).toFixed(1)} MB, built ${info.mtime.toISOString()}; HEAD ${head}${dirty}${stale})`;
}

export function ensureWorkerBuilt(worker: string, log: (message: string) => void): void {
  if (existsSync(worker)) return;
  log(`${worker} is missing: running npm run build`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(worker)) throw new Error('npm run build failed');
}
