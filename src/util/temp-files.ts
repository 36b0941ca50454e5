import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Temporary files written beside their target (`.<target>.<pid>.tmp`) and renamed into place when whole. While one
 * exists it is registered here, so that however the process ends (a signal, process.exit, an uncaught error) it
 * removes its own; a process killed outright (SIGKILL) leaves one, which the next writer of the target sweeps.
 */
const pending = new Set<string>();
let hooked = false;

function removePending(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
}

/** Registers a temporary file to be removed if the process ends before release(). */
export function holdTemp(path: string): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', removePending);
  }
  pending.add(path);
}

/** The file was renamed into place or removed: nothing left to clean up. */
export function releaseTemp(path: string): void {
  pending.delete(path);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files of `target` left by processes that no longer run; answers how many went. */
export function sweepStaleTemps(target: string): number {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return 0; // no folder yet: nothing left behind
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = name.slice(prefix.length, -'.tmp'.length);
    if (!/^\d+$/.test(pid) || isAlive(Number(pid))) continue;
    rmSync(join(dirname(target), name), { force: true });
    removed++;
  }
  return removed;
}
