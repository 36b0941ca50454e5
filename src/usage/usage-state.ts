import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { UsageSnapshotData } from './usage-records.js';

/**
 * The previous run's pg_stat_statements counters, kept beside the stage folder (the stage empties its folder at every
 * start, as OpenMetadata's does, so the state cannot live inside it).
 */
export function usageStatePath(stageFolder: string): string {
  return `${resolve(stageFolder)}.pg_stat_statements.json`;
}

export function readUsageState(path: string): UsageSnapshotData | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<UsageSnapshotData>;
  if (typeof parsed.takenAt !== 'string' || typeof parsed.entries !== 'object' || parsed.entries === null) {
    throw new Error(`${path} is not a usage state file (delete it to count from pg_stat_statements' last reset)`);
  }
  return { takenAt: parsed.takenAt, statsReset: parsed.statsReset ?? {}, entries: parsed.entries };
}

/** Written only once the run's usage was delivered: a failed run leaves the previous baseline in place. */
export function writeUsageState(path: string, state: UsageSnapshotData): void {
  writeFileAtomic(path, `${JSON.stringify(state)}\n`);
}
