import { readFileSync } from 'node:fs';
import { elapsedMs } from './format.js';

/** Machine-wide busy and total CPU since boot, in USER_HZ ticks (/proc/stat's first line). */
export function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export const TICK_MS = 1000 / 100; // USER_HZ: /proc/stat counts in 1/100 s on Linux

export interface Quiet {
  quiet: boolean;
  busy: number;
  waitedMs: number;
}

/**
 * On a shared machine, waits (up to `timeoutMs`) until the whole machine's CPU use over one second is at most
 * `maxBusy` (0..1) while the bench is idle, so each measured run starts on a quiet machine. Says whether it did.
 */
export async function waitForQuiet(maxBusy: number, timeoutMs: number): Promise<Quiet> {
  const start = performance.now();
  let busy = 1;
  while (performance.now() - start < timeoutMs) {
    const a = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const b = cpuTimes();
    busy = (b.busy - a.busy) / Math.max(1, b.total - a.total);
    if (busy <= maxBusy) return { quiet: true, busy, waitedMs: elapsedMs(start) };
  }
  return { quiet: false, busy, waitedMs: elapsedMs(start) };
}
