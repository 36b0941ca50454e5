import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { NAME_MAX } from './temp-files.js';

/**
 * Why a file could not be written at `path`, found before any work is done (a status file that is a folder, a
 * sink file in a folder that cannot be created): undefined when nothing stands in the way.
 */
export function outputPathProblem(path: string): string | undefined {
  const target = resolve(path);
  if (Buffer.byteLength(basename(target)) > NAME_MAX) return `the file name is longer than ${NAME_MAX} bytes`;
  const existing = statOf(target);
  if (existing) {
    if (existing.isDirectory()) return 'is a folder, not a file';
    return writable(target) ? undefined : 'is not writable';
  }
  // The nearest folder that exists must be one, and writable, for the rest of the path to be created in it.
  let folder = dirname(target);
  for (;;) {
    const stat = statOf(folder);
    if (stat) {
      if (!stat.isDirectory()) return `${folder} is a file, not a folder`;
      return writable(folder) ? undefined : `cannot create files in ${folder}`;
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** The path's stat, or undefined where nothing is (also when a folder on the way is a file: ENOTDIR). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
