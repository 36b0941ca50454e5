// Steps of a run's status found by name, never by position: processors and stages join the chain as workflow kinds
// are added (Source → Processor* → Stage? → Sink, as OpenMetadata has it).
import type { StepStatus } from '../../src/workflow/step-status.js';
import type { WorkflowStatus } from '../../src/workflow/workflow-status.js';

/** A step of the status JSON (`--status-json`, WorkflowStatus.toJSON()). */
export function jsonStep<S extends { name: string }>(status: { steps: S[] }, name: string): S {
  const step = status.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name} in the status (steps: ${status.steps.map((s) => s.name).join(', ')})`);
  return step;
}

/** A step of a run's WorkflowStatus. */
export function stepOf(status: WorkflowStatus, name: string): StepStatus {
  return jsonStep(status, name);
}
