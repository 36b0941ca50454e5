import type { Failure } from './records.js';

/** Counts and failures of one step, in the shape of OpenMetadata's StepSummary. */
export class StepStatus {
  records = 0;
  updatedRecords = 0;
  readonly warnings: Array<{ name: string; message: string }> = [];
  readonly filtered: Array<{ name: string; reason: string }> = [];
  readonly failures: Failure[] = [];
  /** Measures beyond the counts, in the order they were set: name → value as printed. */
  readonly facts = new Map<string, string>();
  /** How many records the step expects in all, when its source can say (for progress: done of total, ETA). */
  expected?: number;

  constructor(readonly name: string) {}

  /** OpenMetadata's success rate: processed over processed plus failed, in percent. */
  get successPercent(): number {
    const ok = this.records + this.updatedRecords;
    const total = ok + this.failures.length;
    return total === 0 ? 100 : (ok / total) * 100;
  }

  summary(maxFailures = 10) {
    return {
      name: this.name,
      records: this.records,
      updated_records: this.updatedRecords,
      warnings: this.warnings.length,
      errors: this.failures.length,
      filtered: this.filtered.length,
      failures: this.failures.slice(0, maxFailures),
    };
  }

  /** The facts as a plain object, for JSON status output. */
  factsObject(): Record<string, string> {
    return Object.fromEntries(this.facts);
  }
}
