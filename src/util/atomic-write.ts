import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { holdTemp, releaseTemp, sweepStaleTemps, tempPathFor } from './temp-files.js';

/** Writes a file so that readers see either the old content or the whole new one, never a part. */
export function writeFileAtomic(path: string, content: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  sweepStaleTemps(path);
  const temp = tempPathFor(path);
  holdTemp(temp);
  try {
    writeFileSync(temp, content, { mode });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    releaseTemp(temp);
  }
}
