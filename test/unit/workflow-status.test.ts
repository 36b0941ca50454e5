// Run status (OpenMetadata's success rules), the summary, redaction of secrets and atomic writes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { createLogger } from '../../src/util/logger.js';
import { redact, REDACTED, registerSecret } from '../../src/util/redact.js';
import { StepStatus } from '../../src/workflow/step-status.js';
import { renderSummary } from '../../src/workflow/summary-table.js';
import { WorkflowStatus } from '../../src/workflow/workflow-status.js';

function step(name: string, records: number, failures: number): StepStatus {
  const s = new StepStatus(name);
  s.records = records;
  for (let i = 0; i < failures; i++) s.failures.push({ name: `${name}.e${i}`, error: `broken ${i}` });
  return s;
}

describe('WorkflowStatus', () => {
  it('succeeds when nothing failed, including an empty run', () => {
    expect(new WorkflowStatus(step('Postgres', 10, 0), [step('File', 10, 0)]).state).toBe('success');
    const empty = new WorkflowStatus(step('Postgres', 0, 0), [step('File', 0, 0)]);
    expect(empty.state).toBe('success');
    expect(empty.successPercent).toBe(100);
  });

  it('is a partial success when the source lost records but stayed at or above 90 %', () => {
    expect(new WorkflowStatus(step('Postgres', 9, 1), [step('File', 9, 0)]).state).toBe('partialSuccess');
  });

  it('fails when the source is under the threshold', () => {
    expect(new WorkflowStatus(step('Postgres', 8, 1), [step('File', 8, 0)]).state).toBe('failed');
    expect(new WorkflowStatus(step('Postgres', 99, 1), [step('File', 99, 0)], 100).state).toBe('failed');
    expect(new WorkflowStatus(step('Postgres', 1, 9), [step('File', 1, 0)], 0).state).toBe('partialSuccess');
  });

  it('fails when any other step failed a record, and on a fatal error', () => {
    expect(new WorkflowStatus(step('Postgres', 100, 0), [step('File', 99, 1)]).state).toBe('failed');
    const fatal = new WorkflowStatus(step('Postgres', 10, 0), [step('File', 10, 0)]);
    fatal.fatalError = 'connection lost';
    expect(fatal.state).toBe('failed');
  });

  it("computes the success rate over all steps and serialises like OpenMetadata's status", () => {
    const status = new WorkflowStatus(step('Postgres', 3, 1), [step('File', 3, 0)]);
    status.finishedAt = new Date(status.startedAt.getTime() + 1500);
    expect(status.successPercent).toBeCloseTo(85.714, 2);
    const json = status.toJSON();
    expect(json).toMatchObject({ pipelineState: 'failed', successPercent: 85.71 });
    expect(json.steps[0]).toMatchObject({ name: 'Postgres', records: 3, errors: 1, failures: [{ name: 'Postgres.e0', error: 'broken 0' }] });
    expect(json.steps.map((s) => s.name)).toEqual(['Postgres', 'File']);
  });
});

describe('renderSummary', () => {
  it('lists steps, failures and the verdict', () => {
    const status = new WorkflowStatus(step('Postgres', 9, 1), [step('File', 9, 0)]);
    status.finishedAt = new Date(status.startedAt.getTime() + 2000);
    const text = renderSummary(status);
    expect(text).toMatch(/\| Postgres +\| 9 +\|/);
    expect(text).toContain('Failures:');
    expect(text).toMatch(/\| Postgres +\| Postgres\.e0 +\| broken 0 +\|/);
    expect(text).toContain('Success %: 94.74'); // 18 of 19 records over both steps
    expect(text).toContain('Workflow finished in 2.00 s: partialSuccess');
  });
});

describe('redact', () => {
  it('hides every registered secret wherever it appears', () => {
    registerSecret('unit-secret-1234');
    expect(redact('password unit-secret-1234 and again unit-secret-1234')).toBe(`password ${REDACTED} and again ${REDACTED}`);
  });

  it('hides credentials inside URLs even when never registered', () => {
    expect(redact('cannot reach postgres://etl:never-registered@db:5432/x')).toBe(`cannot reach postgres://etl:${REDACTED}@db:5432/x`);
  });

  it('ignores values too short to be secrets', () => {
    registerSecret('abc');
    registerSecret(undefined);
    expect(redact('abc def')).toBe('abc def');
  });

  it('is applied to every log line', () => {
    registerSecret('log-secret-9876');
    const out: string[] = [];
    const log = createLogger('WARN', (line) => out.push(line));
    log.info('not shown log-secret-9876');
    log.warn('shown log-secret-9876');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/WARN {2}shown \*{8}\n$/);
  });
});

describe('writeFileAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omgen-atomic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates folders, replaces the file whole and leaves no temp file', () => {
    const file = join(dir, 'nested', 'deeper', 'out.txt');
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['out.txt']);
  });

  it('keeps the old file and removes the temp file when the rename fails', () => {
    const target = join(dir, 'is-a-folder');
    writeFileAtomic(join(target, 'inside.txt'), 'x');
    expect(() => writeFileAtomic(target, 'replacement')).toThrow();
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(target, 'inside.txt'))).toBe(true);
  });

  it('applies the mode it is given', () => {
    const file = join(dir, 'private.txt');
    writeFileAtomic(file, 'secret', 0o600);
    expect(readFileSync(file, 'utf8')).toBe('secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
