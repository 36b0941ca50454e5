// Runs the profiler workflow in-process against a database URL, with a file sink, and reads the file back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { connectionTo, parseNdjson, type OutputLine } from './run-metadata.js';

export interface ProfilerRun {
  result: RunResult;
  lines: OutputLine[];
  /** DEBUG log lines (each statement the profiler issued among them). */
  debug: string[];
}

export function profilerWorkflow(
  url: string,
  filename: string,
  sourceConfig: Record<string, unknown> = {},
  processorConfig?: Record<string, unknown>,
  connection: Record<string, unknown> = {},
) {
  return {
    source: {
      type: 'postgres',
      serviceName: 'svc',
      serviceConnection: { config: { ...connectionTo(url), ...connection } },
      sourceConfig: { config: { type: 'Profiler', ...sourceConfig } },
    },
    processor: { type: 'orm-profiler', config: processorConfig ?? {} },
    sink: { type: 'file', config: { filename } },
    workflowConfig: { loggerLevel: 'DEBUG', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
  };
}

export async function runProfiler(
  url: string,
  sourceConfig: Record<string, unknown> = {},
  processorConfig?: Record<string, unknown>,
  /** Keys added to the Postgres connection (ingestAllDatabases, ...). */
  connection: Record<string, unknown> = {},
): Promise<ProfilerRun> {
  const dir = await mkdtemp(join(tmpdir(), 'omgen-profiler-'));
  try {
    const filename = join(dir, 'out.ndjson');
    const workflow = profilerWorkflow(url, filename, sourceConfig, processorConfig, connection);
    const loaded = loadWorkflowText(JSON.stringify(workflow), 'profiler.yaml', {});
    const debug: string[] = [];
    const result = await runWorkflow(loaded, { log: createLogger('DEBUG', (line) => debug.push(line)) });
    return { result, lines: parseNdjson(await readFile(filename, 'utf8').catch(() => '')), debug };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
