// Runs the usage workflow in-process against a database URL, its records going to a file (or the API double).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { connectionTo, parseNdjson, type OutputLine } from './run-metadata.js';

export interface UsageRun {
  result: RunResult;
  lines: OutputLine[];
}

/** A postgres-usage workflow as OpenMetadata writes one; with `file`, its records go to that file. */
export function usageWorkflow(
  url: string,
  folder: string,
  options: { file?: string; server?: Record<string, unknown>; sourceConfig?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const stage = join(folder, 'stage');
  return {
    source: {
      type: 'postgres-usage',
      serviceName: 'wh',
      serviceConnection: { config: connectionTo(url) },
      sourceConfig: { config: { type: 'DatabaseUsage', queryLogDuration: 1, ...options.sourceConfig } },
    },
    processor: { type: 'query-parser', config: {} },
    stage: { type: 'table-usage', config: { filename: stage } },
    bulkSink: { type: 'metadata-usage', config: { filename: stage } },
    ...(options.file ? { sink: { type: 'file', config: { filename: options.file } } } : {}),
    workflowConfig: {
      loggerLevel: 'ERROR',
      openMetadataServerConfig: options.server ?? { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' },
    },
  };
}

export async function runUsage(url: string, folder: string, sourceConfig: Record<string, unknown> = {}): Promise<UsageRun> {
  const file = join(folder, 'usage.ndjson');
  const loaded = loadWorkflowText(JSON.stringify(usageWorkflow(url, folder, { file, sourceConfig })), 'usage.yaml', {});
  const result = await runWorkflow(loaded, { log: createLogger('ERROR', () => undefined) });
  return { result, lines: parseNdjson(await readFile(file, 'utf8').catch(() => '')) };
}

/** `table FQN → count` of a run's usageRequest records. */
export function usageCounts(lines: OutputLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines) {
    if (line.type !== 'usageRequest') continue;
    const data = line.data as { table: { fullyQualifiedName: string }; usage: { count: number } };
    out.set(data.table.fullyQualifiedName, (out.get(data.table.fullyQualifiedName) ?? 0) + data.usage.count);
  }
  return out;
}
