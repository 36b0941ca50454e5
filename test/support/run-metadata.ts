// Runs the metadata workflow in-process against a test database with a file sink, and hands back the NDJSON records.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { splitFqn } from '../../src/openmetadata/fqn.js';
import { createLogger } from '../../src/util/logger.js';
import { runWorkflow, type RunResult } from '../../src/workflow/run-workflow.js';
import { jsonStep } from './steps.js';

export interface OutputLine {
  type: string;
  data: Record<string, any>;
}

export interface MetadataRunOptions {
  /** Database URL (postgres://user@host:port/db), as pg.ts hands it out. */
  url: string;
  serviceName?: string;
  /** Merged into source.serviceConnection.config. */
  connection?: Record<string, unknown>;
  /** Merged into source.sourceConfig.config. */
  sourceConfig?: Record<string, unknown>;
  /** Merged into workflowConfig. */
  workflowConfig?: Record<string, unknown>;
}

export interface MetadataRun {
  result: RunResult;
  /** The entity lines of the file, in order (`entityScope` lines left out: they are not records). */
  records: OutputLine[];
  /** The `entityScope` lines: what the source listed under each parent, for mark-deleted. */
  scopes: Array<Record<string, any>>;
  of(type: string): Array<Record<string, any>>;
  /** createTable requests by `<schema>.<table>` (names as sent, unquoted). */
  tables: Map<string, Record<string, any>>;
  /** The status JSON, as `om-worker --status-json` writes it. */
  status: ReturnType<RunResult['status']['toJSON']>;
  /** One step of that status, by name (`Postgres`, `File`). */
  step(name: string): ReturnType<RunResult['status']['toJSON']>['steps'][number];
}

/** A Postgres serviceConnection config for a database URL (trust auth: the password is never checked). */
export function connectionTo(url: string): Record<string, unknown> {
  const parsed = new URL(url);
  return {
    type: 'Postgres',
    username: decodeURIComponent(parsed.username) || 'postgres',
    authType: { password: 'x' },
    hostPort: `${parsed.hostname}:${parsed.port || 5432}`,
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/** The workflow config as a plain object; JSON is YAML, so it is written out with JSON.stringify. */
export function metadataWorkflow(options: MetadataRunOptions, filename: string): Record<string, unknown> {
  const url = new URL(options.url);
  return {
    source: {
      type: 'postgres',
      serviceName: options.serviceName ?? 'svc',
      serviceConnection: {
        config: {
          type: 'Postgres',
          username: decodeURIComponent(url.username) || 'postgres',
          authType: { password: 'x' },
          hostPort: `${url.hostname}:${url.port || 5432}`,
          database: decodeURIComponent(url.pathname.slice(1)),
          ...options.connection,
        },
      },
      sourceConfig: { config: { type: 'DatabaseMetadata', ...options.sourceConfig } },
    },
    sink: { type: 'file', config: { filename } },
    workflowConfig: {
      loggerLevel: 'ERROR',
      openMetadataServerConfig: { hostPort: 'http://localhost:8585/api', authProvider: 'openmetadata' },
      ...options.workflowConfig,
    },
  };
}

export function parseNdjson(text: string): OutputLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutputLine);
}

export function wrapRun(result: RunResult, lines: OutputLine[]): MetadataRun {
  const records = lines.filter((line) => line.type !== 'entityScope');
  const tables = new Map<string, Record<string, any>>();
  for (const r of records) {
    if (r.type !== 'createTable') continue;
    const schema = splitFqn(String(r.data.databaseSchema))[2];
    tables.set(`${schema}.${r.data.name}`, r.data);
  }
  return {
    result,
    records,
    scopes: lines.filter((line) => line.type === 'entityScope').map((line) => line.data),
    of: (type) => records.filter((r) => r.type === type).map((r) => r.data),
    tables,
    status: result.status.toJSON(),
    step: (name) => jsonStep(result.status.toJSON(), name),
  };
}

export async function runMetadata(options: MetadataRunOptions): Promise<MetadataRun> {
  const dir = await mkdtemp(join(tmpdir(), 'omgen-md-'));
  try {
    const filename = join(dir, 'out.ndjson');
    const text = JSON.stringify(metadataWorkflow(options, filename), null, 2);
    const loaded = loadWorkflowText(text, 'wf.yaml', {});
    const result = await runWorkflow(loaded, { log: createLogger('ERROR', () => undefined) });
    const body = await readFile(filename, 'utf8').catch(() => '');
    return wrapRun(result, parseNdjson(body));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the workflow to a file (for the bundled worker) and returns its path and the sink's file. */
export async function writeMetadataWorkflow(dir: string, options: MetadataRunOptions): Promise<{ config: string; output: string }> {
  const output = join(dir, 'out.ndjson');
  const config = join(dir, 'workflow.yaml');
  await writeFile(config, JSON.stringify(metadataWorkflow(options, output), null, 2));
  return { config, output };
}
