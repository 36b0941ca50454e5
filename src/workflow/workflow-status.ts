import { StepStatus } from './step-status.js';

export type PipelineState = 'success' | 'partialSuccess' | 'failed';

/** OpenMetadata fails a run whose source succeeded on fewer than 90 % of its records. */
export const DEFAULT_SUCCESS_THRESHOLD = 90;

/** The status of a whole run: the source step first, then every other step. */
export class WorkflowStatus {
  readonly startedAt = new Date();
  finishedAt?: Date;
  /** Set when the run stopped early (unreachable server, internal error). */
  fatalError?: string;

  constructor(
    readonly source: StepStatus,
    readonly others: StepStatus[],
    readonly successThreshold = DEFAULT_SUCCESS_THRESHOLD,
  ) {}

  get steps(): StepStatus[] {
    return [this.source, ...this.others];
  }

  /** A step by its name (`Postgres`, `File`, `OpenMetadata`, ...): positions shift as processors join the chain. */
  step(name: string): StepStatus | undefined {
    return this.steps.find((step) => step.name === name);
  }

  /** Success over all steps, as OpenMetadata prints it at the end of a run. */
  get successPercent(): number {
    let ok = 0;
    let failed = 0;
    for (const step of this.steps) {
      ok += step.records + step.updatedRecords;
      failed += step.failures.length;
    }
    return ok + failed === 0 ? 100 : (ok / (ok + failed)) * 100;
  }

  /**
   * OpenMetadata's rule: the run failed when the source's success rate is under the threshold or any other step
   * failed a record; it succeeded partially when the source lost some records but stayed above the threshold.
   */
  get state(): PipelineState {
    if (this.fatalError) return 'failed';
    if (this.source.failures.length > 0 && this.source.successPercent < this.successThreshold) return 'failed';
    if (this.others.some((step) => step.failures.length > 0)) return 'failed';
    return this.source.failures.length > 0 ? 'partialSuccess' : 'success';
  }

  toJSON() {
    return {
      pipelineState: this.state,
      successPercent: Number(this.successPercent.toFixed(2)),
      startDate: this.startedAt.toISOString(),
      endDate: this.finishedAt?.toISOString(),
      fatalError: this.fatalError,
      steps: this.steps.map((step) => ({
        ...step.summary(Infinity),
        filteredNames: step.filtered,
        warningMessages: step.warnings,
        ...(step.facts.size > 0 ? { facts: step.factsObject() } : {}),
      })),
    };
  }
}
