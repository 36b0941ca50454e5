import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { elapsedMs } from './format.js';

export interface ChildRun {
  wallMs: number;
  peakRssKb: number;
  /** User and system CPU seconds of the child (from /usr/bin/time; NaN when polling). */
  userS: number;
  sysS: number;
  exitCode: number;
  stderr: string;
  stdout: string;
}

const HAS_GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** How runChild measures peak RSS, for the reports. */
export const RSS_METHOD = HAS_GNU_TIME
  ? '`/usr/bin/time -v` ("Maximum resident set size": the kernel\'s peak RSS of the worker process)'
  : 'polling /proc/<pid>/status VmRSS every 20 ms, keeping the maximum';

function readVmRssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Spawn to exit, under /usr/bin/time -v when installed (else VmRSS polled every 20 ms). */
export function runChild(command: string, args: string[]): Promise<ChildRun> {
  const [file, argv] = HAS_GNU_TIME ? ['/usr/bin/time', ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const poll = HAS_GNU_TIME
      ? undefined
      : setInterval(() => {
          if (child.pid) peakRssKb = Math.max(peakRssKb, readVmRssKb(child.pid));
        }, 20);
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = elapsedMs(start);
      if (poll) clearInterval(poll);
      let userS = Number.NaN;
      let sysS = Number.NaN;
      if (HAS_GNU_TIME) {
        peakRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
        userS = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
        sysS = Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
        const exit = /Exit status: (\d+)/.exec(stderr);
        code = exit ? Number(exit[1]) : code;
        // time -v appends its report to the child's stderr; what the child itself wrote is what callers show.
        stderr = stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '\n');
      }
      resolve({ wallMs, peakRssKb, userS, sysS, exitCode: code ?? -1, stderr, stdout });
    });
  });
}
