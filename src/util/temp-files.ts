import { createHash } from 'node:crypto';
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

/** The longest file name most file systems take, in bytes. */
export const NAME_MAX = 255;
/** What a temporary name adds around its stem: the dot before it, `.<pid>.tmp` after (pids have at most 7 digits). */
const TEMP_AFFIXES = 1 + 1 + 7 + 4;

/**
 * `.<target name>`, or for a target name too long to take the affixes (a 250-character DAG id), its start and a
 * digest of the whole, so the temporary name stays within NAME_MAX and is still the same for the same target.
 */
function tempStem(target: string): string {
  const name = basename(target);
  const room = NAME_MAX - TEMP_AFFIXES;
  if (Buffer.byteLength(name) <= room) return `.${name}`;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 12);
  let start = name.slice(0, room - digest.length - 1);
  while (Buffer.byteLength(start) > room - digest.length - 1) start = start.slice(0, -1);
  return `.${start}~${digest}`;
}

export function tempPathFor(target: string): string {
  return join(dirname(target), `${tempStem(target)}.${process.pid}.tmp`);
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
  const prefix = `${tempStem(target)}.`;
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
