// Runs the lineage workflow in-process against a database URL, with a file sink, and reads the file back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { connectionTo, parseNdjson, type OutputLine } from './run-metadata.js';

export interface LineageRun {
  result: RunResult;
  lines: OutputLine[];
}

export function lineageWorkflow(url: string, filename: string, sourceConfig: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: {
      type: 'postgres-lineage',
      serviceName: 'wh',
      serviceConnection: { config: connectionTo(url) },
      sourceConfig: { config: { type: 'DatabaseLineage', ...sourceConfig } },
    },
    sink: { type: 'file', config: { filename } },
    workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
  };
}

export async function runLineage(url: string, sourceConfig: Record<string, unknown> = {}): Promise<LineageRun> {
  const dir = await mkdtemp(join(tmpdir(), 'omgen-lineage-'));
  try {
    const filename = join(dir, 'out.ndjson');
    const loaded = loadWorkflowText(JSON.stringify(lineageWorkflow(url, filename, sourceConfig)), 'lineage.yaml', {});
    const result = await runWorkflow(loaded, { log: createLogger('ERROR', () => undefined) });
    return { result, lines: parseNdjson(await readFile(filename, 'utf8').catch(() => '')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
