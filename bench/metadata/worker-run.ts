import { runChild, type ChildRun } from '../support/child-run.js';
import { fileSinkYaml, workflowYaml } from '../support/workflow-yaml.js';
import type { GeneratedDatabase } from './generate.js';
import type { ServerStat } from './server-stats.js';

export interface WorkerRun extends ChildRun {
  server: ServerStat[];
}

export async function runWorkerOnce(command: string, args: string[]): Promise<WorkerRun> {
  return { ...(await runChild(command, args)), server: [] };
}

/** The full metadata workflow to the file sink; the server it names is never called. */
export function metadataWorkflowYaml(db: GeneratedDatabase, outFile: string): string {
  return workflowYaml({
    comment: '# Written by bench/metadata/run.ts',
    databaseUrl: db.url,
    sink: fileSinkYaml(outFile),
    hostPort: 'http://localhost:8585/api',
    jwtToken: 'bench-token-not-used',
  });
}
