import { isObject, lastCompletedAt, object, text, type Json } from './json-fields.js';
/** One node's outcome in the run that wrote run_results.json. */
export interface NodeResult {
  status: string;
  message?: string;
  failures?: number;
  /** When the node finished (its last timing entry), else when the artifact was written. */
  completedAt?: string;
}

export interface RunResults {
  invocationId?: string;
  generatedAt?: string;
  results: Map<string, NodeResult>;
}

export function readRunResults(document: Json): RunResults {
  const metadata = object(document.metadata);
  const generatedAt = text(metadata.generated_at);
  const invocationId = text(metadata.invocation_id);
  const results = new Map<string, NodeResult>();
  for (const raw of Array.isArray(document.results) ? document.results : []) {
    if (!isObject(raw)) continue;
    const id = text(raw.unique_id);
    const status = text(raw.status);
    if (!id || !status) continue;
    const completedAt = lastCompletedAt(raw) ?? generatedAt;
    const message = text(raw.message);
    results.set(id, {
      status,
      ...(message ? { message } : {}),
      ...(typeof raw.failures === 'number' ? { failures: raw.failures } : {}),
      ...(completedAt ? { completedAt } : {}),
    });
  }
  return { ...(invocationId ? { invocationId } : {}), ...(generatedAt ? { generatedAt } : {}), results };
}

/**
 * Whether run_results.json comes from a run of this manifest's project: at least one of its results must name a node
 * the manifest has. Results of another project would attach test outcomes to the wrong tables.
 */
export function resultsProblem(results: RunResults, knownIds: ReadonlySet<string>, manifestInvocation?: string): string | undefined {
  if (results.results.size === 0) return undefined;
  let known = 0;
  for (const id of results.results.keys()) if (knownIds.has(id)) known += 1;
  if (known > 0) return undefined;
  const invocations =
    results.invocationId && manifestInvocation ? ` (invocation ${results.invocationId}; the manifest's is ${manifestInvocation})` : '';
  return `none of its ${results.results.size} results names a node of the manifest: it belongs to another dbt project or manifest${invocations}`;
}
