import type { KeyPath } from '../config/key-path.js';
import { clipText } from '../util/clip-text.js';
import { artifactLocations, UNSUPPORTED_CONFIG_TYPES } from './artifact-locations.js';

const SOURCE_PATH: KeyPath = ['source', 'sourceConfig', 'config', 'dbtConfigSource'];

/** A value that still holds a `${VAR}` placeholder (omgen validate and dag leave unset variables as written). */
const PLACEHOLDER = /\$\{?[A-Za-z_]/;

/**
 * What the schema cannot say about where dbt's artifacts come from: om-worker reads files and http(s) URLs, not a
 * vendor's storage, and a URL must be one. Found by `omgen validate` and `omgen dag` as well as by the worker.
 */
export function dbtSourceIssues(pipeline: { dbtConfigSource?: Record<string, unknown> }, add: (path: KeyPath, message: string) => void): void {
  const source = pipeline.dbtConfigSource;
  if (!source) return;
  const type = String(source.dbtConfigType);
  const vendor = UNSUPPORTED_CONFIG_TYPES[type];
  if (vendor) {
    add(
      [...SOURCE_PATH, 'dbtConfigType'],
      `om-worker does not fetch dbt artifacts from ${vendor}; copy them where the worker runs (dbtConfigType: local) or serve them over HTTP (dbtConfigType: http)`,
    );
    return;
  }
  for (const location of artifactLocations(source) ?? []) {
    if (location.source.kind !== 'url' || PLACEHOLDER.test(location.source.url)) continue;
    let protocol: string | undefined;
    try {
      protocol = new URL(location.source.url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'http:' && protocol !== 'https:') add(location.key, `'${clipText(location.source.url)}' is not an http(s) URL`);
  }
}
