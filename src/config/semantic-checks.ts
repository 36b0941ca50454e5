import type { ConfigIssue } from './config-error.js';
import { suggestion } from './did-you-mean.js';
import type { KeyPath } from './key-path.js';
import { regexProblem } from './python-regex.js';
import type { WorkflowConfig } from './types.js';
import { KNOWN_SOURCE_TYPES, kindOf, SINK_TYPES } from './workflow-kind.js';
import { issueAt, type PositionIndex } from './yaml-positions.js';
import { clipText } from '../util/clip-text.js';
import { parseHostPort } from '../postgres/host-port.js';
import { testCaseIssues, type TestCaseConfig } from '../quality/test-case-checks.js';
import { dbtSourceIssues } from '../dbt/dbt-config-checks.js';

const FILTER_KEYS = ['databaseFilterPattern', 'schemaFilterPattern', 'tableFilterPattern', 'storedProcedureFilterPattern'];

/** Checks the schema cannot express: regexes that compile, a source type that fits the pipeline, a usable sink. */
export function semanticIssues(config: WorkflowConfig, positions: PositionIndex): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: KeyPath, message: string) => issues.push(issueAt(positions, path, message));

  const filterOwners: Array<{ path: KeyPath; value: Record<string, unknown> | undefined }> = [
    { path: ['source', 'sourceConfig', 'config'], value: config.source.sourceConfig.config as Record<string, unknown> },
    {
      path: ['source', 'serviceConnection', 'config'],
      value: config.source.serviceConnection?.config as Record<string, unknown> | undefined,
    },
  ];
  for (const owner of filterOwners) {
    for (const key of FILTER_KEYS) {
      const pattern = owner.value?.[key] as { includes?: unknown; excludes?: unknown } | undefined;
      for (const list of ['includes', 'excludes'] as const) {
        const entries = pattern?.[list];
        if (!Array.isArray(entries)) continue;
        entries.forEach((entry, i) => {
          const problem = typeof entry === 'string' ? regexProblem(entry) : undefined;
          if (problem) add([...owner.path, key, list, i], `invalid regular expression: ${problem}`);
        });
      }
    }
  }

  const sourceType = config.source.type.toLowerCase();
  const pipelineType = config.source.sourceConfig.config.type;
  const kind = kindOf(pipelineType);
  if (!KNOWN_SOURCE_TYPES.includes(sourceType)) {
    add(['source', 'type'], `unknown source type '${clipText(config.source.type)}'${suggestion(sourceType, KNOWN_SOURCE_TYPES)}`);
  } else if (kind && !kind.sourceTypes.includes(sourceType)) {
    add(
      ['source', 'type'],
      `source type '${clipText(config.source.type)}' does not run a ${pipelineType} workflow (use ${kind.sourceTypes.join(' or ')})`,
    );
  }

  // Usage ends in OpenMetadata's bulk sink (through its stage); every other kind in a sink.
  const sinkTypes: readonly string[] | undefined = kind?.output.step === 'bulkSink' ? undefined : (kind?.output.types ?? SINK_TYPES);
  if (sinkTypes) {
    if (!config.sink) add([], `missing required key 'sink' (the ${pipelineType} workflow writes to a sink)`);
    else if (!sinkTypes.includes(config.sink.type)) {
      add(['sink', 'type'], `unknown sink type '${clipText(config.sink.type)}'${suggestion(config.sink.type, sinkTypes)}`);
    } else if (config.sink.type === 'file' && typeof config.sink.config?.filename !== 'string') {
      add(['sink', 'config'], "missing required key 'filename' (the file sink writes NDJSON there)");
    }
  }
  // Usage may hand its records to a file instead of the server (an extract for `om-worker push`).
  if (!sinkTypes && config.sink) {
    if (config.sink.type !== 'file')
      add(['sink', 'type'], `the ${pipelineType} workflow ends in its bulkSink; a sink here may only be of type 'file'`);
    else if (typeof config.sink.config?.filename !== 'string')
      add(['sink', 'config'], "missing required key 'filename' (the file sink writes NDJSON there)");
  }
  if (kind?.kind === 'testSuite') testCaseIssues(config.processor?.config?.testCases as TestCaseConfig[] | undefined, add);
  if (kind?.kind === 'dbt') dbtSourceIssues(config.source.sourceConfig.config as { dbtConfigSource?: Record<string, unknown> }, add);
  addressIssues(config, add);
  // The DAG hands these to Python's datetime.fromisoformat, which (before Python 3.11) takes only this form.
  for (const key of ['startDate', 'endDate'] as const) {
    const value = config.airflowConfig?.[key];
    if (typeof value === 'string' && !isIsoDateTime(value)) {
      add(['airflowConfig', key], `'${clipText(value)}' is not an ISO date or date-time (e.g. 2024-01-31 or 2024-01-31T06:00:00+00:00)`);
    }
  }
  return issues;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{3}(?:\d{3})?)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** An ISO date or date-time Python's datetime.fromisoformat takes (before 3.11, too). */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const dayOk = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return dayOk && Number(m[4] ?? 0) < 24 && Number(m[5] ?? 0) < 60 && Number(m[6] ?? 0) < 60;
}

/** A value that still holds a `${VAR}` placeholder (omgen validate and dag leave unset variables as written). */
const PLACEHOLDER = /\$\{?[A-Za-z_]/;

/**
 * Addresses the worker would only trip over once running: Postgres's host:port, the server's URL, a connect timeout
 * that is no number. Checked here so that `omgen validate` and `omgen dag` find them too.
 */
function addressIssues(config: WorkflowConfig, add: (path: KeyPath, message: string) => void): void {
  const connection = config.source.serviceConnection?.config as Record<string, unknown> | undefined;
  const hostPort = connection?.hostPort;
  if (typeof hostPort === 'string' && !PLACEHOLDER.test(hostPort) && !parseHostPort(hostPort)) {
    add(
      ['source', 'serviceConnection', 'config', 'hostPort'],
      `'${clipText(hostPort)}' is not host:port (e.g. localhost:5432, [::1]:5432, or a host alone for port 5432)`,
    );
  }
  for (const key of ['connectionArguments', 'connectionOptions'] as const) {
    const timeout = (connection?.[key] as Record<string, unknown> | undefined)?.connect_timeout;
    if (timeout !== undefined && !PLACEHOLDER.test(String(timeout)) && !(Number(timeout) >= 0)) {
      add(['source', 'serviceConnection', 'config', key, 'connect_timeout'], `'${clipText(String(timeout))}' is not a number of seconds`);
    }
  }
  const server = config.workflowConfig.openMetadataServerConfig.hostPort;
  if (typeof server === 'string' && !PLACEHOLDER.test(server) && !isHttpUrl(server)) {
    add(['workflowConfig', 'openMetadataServerConfig', 'hostPort'], `'${clipText(server)}' is not an http(s) URL (e.g. http://localhost:8585/api)`);
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
