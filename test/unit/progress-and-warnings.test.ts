// What a run says while it goes: a live line on a terminal (counts, done of total, rate, ETA) and, in a log, warnings
// of one kind shown a few times and then counted, so a large run's log stays readable.
import { describe, expect, it, vi } from 'vitest';
import { collapsingLogger, warningShape } from '../../src/util/collapsing-logger.js';
import type { Logger } from '../../src/util/logger.js';
import { progressLine, startProgress } from '../../src/workflow/progress.js';
import { StepStatus } from '../../src/workflow/step-status.js';
import { WorkflowStatus } from '../../src/workflow/workflow-status.js';

function recorder(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { log: { debug: push('DEBUG'), info: push('INFO'), warn: push('WARN'), error: push('ERROR') }, lines };
}

describe('warnings in the log', () => {
  it('alike warnings are shown three times, then counted, and the count is said at the end', () => {
    const { log, lines } = recorder();
    const collapsing = collapsingLogger(log);
    for (let i = 0; i < 10; i++) collapsing.warn(`svc.db.s.t${i}: table svc.db.s.t${i} is not on the server (run the metadata workflow first)`);
    collapsing.warn('a different warning');
    collapsing.info('kept as it is');
    collapsing.flush();
    expect(lines).toEqual([
      'WARN svc.db.s.t0: table svc.db.s.t0 is not on the server (run the metadata workflow first)',
      'WARN svc.db.s.t1: table svc.db.s.t1 is not on the server (run the metadata workflow first)',
      'WARN svc.db.s.t2: table svc.db.s.t2 is not on the server (run the metadata workflow first)',
      'WARN (more warnings like this one are counted, not shown: * table * is not on the server (run the metadata workflow first))',
      'WARN a different warning',
      'INFO kept as it is',
      'WARN 7 more warnings like: * table * is not on the server (run the metadata workflow first)',
    ]);
    expect(warningShape("owner 'bob' of model.shop.x")).toBe('owner * of *');
  });
});

describe('progress', () => {
  it('a live line gives each step’s count, the source’s total, rate and ETA', () => {
    const source = new StepStatus('Postgres');
    const sink = new StepStatus('File');
    const status = new WorkflowStatus(source, [sink]);
    source.records = 250;
    source.expected = 1000;
    sink.records = 240;
    expect(progressLine(status, 10_000)).toBe('Postgres 250/1,000 · File 240 · 25/s · 10s · ETA 30s');
    source.expected = undefined;
    expect(progressLine(status, 125_000)).toBe('Postgres 250 · File 240 · 2.0/s · 2m05s');
  });

  it('on a terminal rewrites one line and clears it at the end; in a log writes plain lines', () => {
    const status = new WorkflowStatus(new StepStatus('Postgres'), []);
    const written: string[] = [];
    // The clock is the test's: a loaded machine can delay a real interval past any fixed wait.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const live = startProgress(status, { live: true, intervalMs: 60_000, log: recorder().log, write: (text) => void written.push(text) });
      vi.advanceTimersByTime(600);
      live.stop();
    } finally {
      vi.useRealTimers();
    }
    // Two 250 ms ticks, then the clearing write.
    expect(written).toHaveLength(3);
    expect(written.slice(0, -1).every((text) => text.startsWith('\r\x1b[KPostgres 0 · '))).toBe(true);
    expect(written.at(-1)).toBe('\r\x1b[K');
    const { log, lines } = recorder();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const plain = startProgress(status, { live: false, intervalMs: 100, log });
      vi.advanceTimersByTime(350);
      plain.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('INFO Postgres: Processed 0 records, filtered 0 records, found 0 errors');
  });
});
