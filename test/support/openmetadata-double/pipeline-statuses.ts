/**
 * PipelineStatus records of ingestion pipelines, keyed by pipeline FQN and runId (OpenMetadata keeps them in its
 * time-series extension table; a PUT with a known runId replaces that run's record).
 */
import { cloneJson, type JsonObject } from './types.js';

export class PipelineStatusStore {
  private readonly runs = new Map<string, Map<string, JsonObject>>();

  /** Stores `status`; answers the record it replaced, if any. */
  put(pipelineFqn: string, status: JsonObject): JsonObject | undefined {
    let byRun = this.runs.get(pipelineFqn);
    if (!byRun) {
      byRun = new Map();
      this.runs.set(pipelineFqn, byRun);
    }
    const runId = String(status.runId ?? '');
    const previous = byRun.get(runId);
    byRun.set(runId, cloneJson(status));
    return previous;
  }

  get(pipelineFqn: string, runId: string): JsonObject | undefined {
    const status = this.runs.get(pipelineFqn)?.get(runId);
    return status && cloneJson(status);
  }

  /** Every run of the pipeline, oldest `timestamp` first. */
  list(pipelineFqn: string): JsonObject[] {
    const all = [...(this.runs.get(pipelineFqn)?.values() ?? [])].map((s) => cloneJson(s));
    return all.sort((a, b) => Number(a.timestamp ?? 0) - Number(b.timestamp ?? 0));
  }

  latest(pipelineFqn: string): JsonObject | undefined {
    return this.list(pipelineFqn).at(-1);
  }

  remove(pipelineFqn: string): void {
    this.runs.delete(pipelineFqn);
  }

  clear(): void {
    this.runs.clear();
  }
}
