import { existsSync } from 'node:fs';
import type { ConfigIssue } from './config-error.js';
import { dottedPath, pointer, valueAt, type KeyPath } from './key-path.js';
import type { WorkflowConfig } from './types.js';
import type { PositionIndex } from './yaml-positions.js';
import { clipText } from '../util/clip-text.js';

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
      const position = positions.get(pointer(path));
      issues.push({
        path: dottedPath(path),
        line: position?.line,
        column: position?.column,
        message: `'${clipText(value)}' is neither PEM text nor a file that exists here`,
      });
    }
  }
  return issues;
}
