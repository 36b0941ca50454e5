// Runs the data quality (TestSuite) workflow in-process against a database URL, with a file sink, and reads it back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { connectionTo, parseNdjson, type OutputLine } from './run-metadata.js';

export interface QualityRun {
  result: RunResult;
  lines: OutputLine[];
  /** DEBUG log lines. */
  debug: string[];
}

export function qualityWorkflow(url: string, table: string, testCases: unknown[], filename: string, sourceConfig: Record<string, unknown> = {}) {
  return {
    source: {
      type: 'TestSuite',
      serviceName: 'svc',
      serviceConnection: { config: connectionTo(url) },
      sourceConfig: { config: { type: 'TestSuite', entityFullyQualifiedName: table, ...sourceConfig } },
    },
    processor: { type: 'orm-test-runner', config: { testCases } },
    sink: { type: 'file', config: { filename } },
    workflowConfig: { loggerLevel: 'ERROR', openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' } },
  };
}

export async function runQuality(url: string, table: string, testCases: unknown[], sourceConfig: Record<string, unknown> = {}): Promise<QualityRun> {
  const dir = await mkdtemp(join(tmpdir(), 'omgen-quality-'));
  try {
    const filename = join(dir, 'out.ndjson');
    const loaded = loadWorkflowText(JSON.stringify(qualityWorkflow(url, table, testCases, filename, sourceConfig)), 'quality.yaml', {});
    const debug: string[] = [];
    const result = await runWorkflow(loaded, { log: createLogger('DEBUG', (line) => debug.push(line)) });
    return { result, lines: parseNdjson(await readFile(filename, 'utf8').catch(() => '')), debug };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
