import { existsSync } from 'node:fs';
import type { ConfigIssue } from './config-error.js';
import { valueAt, type KeyPath } from './key-path.js';
import type { WorkflowConfig } from './types.js';
import { issueAt, type PositionIndex } from './yaml-positions.js';
import { clipText } from '../util/clip-text.js';
import { outputPathProblem } from '../util/output-path.js';
import { isSecretPath } from './secrets.js';
import { artifactLocations } from '../dbt/artifact-locations.js';

const CERTIFICATE_KEYS: Array<{ under: KeyPath; keys: string[]; when?: (config: WorkflowConfig) => boolean }> = [
  { under: ['source', 'serviceConnection', 'config', 'sslConfig'], keys: ['caCertificate', 'sslCertificate', 'sslKey'] },
  { under: ['source', 'serviceConnection', 'config', 'connectionArguments'], keys: ['sslrootcert', 'sslcert', 'sslkey'] },
  { under: ['source', 'serviceConnection', 'config', 'connectionOptions'], keys: ['sslrootcert', 'sslcert', 'sslkey'] },
  {
    under: ['workflowConfig', 'openMetadataServerConfig', 'sslConfig'],
    keys: ['caCertificate'],
    when: (config) => config.workflowConfig.openMetadataServerConfig.verifySSL === 'validate',
  },
];

/**
 * Certificates named by path must exist where the worker runs. Checked by the worker only: `omgen dag` runs where
 * the DAG is written, and the files may live only on the Airflow workers. Without this, a mistyped path would be
 * taken for PEM text and fail later as an obscure TLS error.
 */
export function certificateFileIssues(config: WorkflowConfig, positions: PositionIndex): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { under, keys, when } of CERTIFICATE_KEYS) {
    if (when && !when(config)) continue;
    for (const key of keys) {
      const value = valueAt(config, [...under, key]);
      if (typeof value !== 'string' || value === '' || value.includes('-----BEGIN') || existsSync(value)) continue;
      const path = [...under, key];
      // A secret's text is never echoed, not even its start: a key pasted without its BEGIN line is still a key.
      const shown = isSecretPath(path) ? 'the value' : `'${clipText(value)}'`;
      issues.push(issueAt(positions, path, `${shown} is neither PEM text nor a file that exists here`));
    }
  }
  return issues;
}

/**
 * dbt artifacts named by path must exist where the worker runs (a typo found before anything is read, as a config
 * error naming the key). Checked by the worker only, like certificates.
 */
export function dbtArtifactFileIssues(config: WorkflowConfig, positions: PositionIndex): ConfigIssue[] {
  const pipeline = config.source.sourceConfig.config as { type: string; dbtConfigSource?: Record<string, unknown> };
  if (pipeline.type !== 'DBT' || !pipeline.dbtConfigSource) return [];
  const issues: ConfigIssue[] = [];
  for (const location of artifactLocations(pipeline.dbtConfigSource) ?? []) {
    if (location.source.kind !== 'file' || existsSync(location.source.path)) continue;
    issues.push(issueAt(positions, location.key, `${clipText(location.source.path)}: no such file here`));
  }
  return issues;
}

/** The file sink's file must be writable where the worker runs: found now, not after the whole run did its work. */
export function outputFileIssues(config: WorkflowConfig, positions: PositionIndex): ConfigIssue[] {
  const filename = config.sink?.type === 'file' ? config.sink.config?.filename : undefined;
  if (typeof filename !== 'string') return [];
  const problem = outputPathProblem(filename);
  if (!problem) return [];
  return [issueAt(positions, ['sink', 'config', 'filename'], `${clipText(filename)}: ${problem}`)];
}
