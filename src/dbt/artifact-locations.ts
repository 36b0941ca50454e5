import type { KeyPath } from '../config/key-path.js';

/** The dbt artifacts om-worker reads; only the manifest is required. `sources` is sources.json (source freshness). */
export type ArtifactName = 'manifest' | 'catalog' | 'run_results' | 'sources';

/** Where one artifact comes from, and the config key that says so (named in every message about it). */
export interface ArtifactLocation {
  name: ArtifactName;
  key: KeyPath;
  source: { kind: 'file'; path: string } | { kind: 'url'; url: string };
}

const CONFIG_SOURCE: KeyPath = ['source', 'sourceConfig', 'config', 'dbtConfigSource'];

const KEYS: Record<'local' | 'http', Record<ArtifactName, string>> = {
  local: {
    manifest: 'dbtManifestFilePath',
    catalog: 'dbtCatalogFilePath',
    run_results: 'dbtRunResultsFilePath',
    sources: 'dbtSourcesFilePath',
  },
  http: {
    manifest: 'dbtManifestHttpPath',
    catalog: 'dbtCatalogHttpPath',
    run_results: 'dbtRunResultsHttpPath',
    sources: 'dbtSourcesHttpPath',
  },
};

/** The config types that fetch artifacts from a vendor's service; om-worker reads files and URLs only. */
export const UNSUPPORTED_CONFIG_TYPES: Readonly<Record<string, string>> = {
  cloud: 'dbt Cloud',
  s3: 'S3',
  gcs: 'Google Cloud Storage',
  azure: 'Azure storage',
};

/**
 * The artifacts a dbtConfigSource names, manifest first. Empty values count as unset, as OpenMetadata treats them.
 * Undefined for a config type om-worker does not read (checked as a config error before any run).
 */
export function artifactLocations(dbtConfigSource: Record<string, unknown>): ArtifactLocation[] | undefined {
  const type = dbtConfigSource.dbtConfigType;
  if (type !== 'local' && type !== 'http') return undefined;
  const locations: ArtifactLocation[] = [];
  for (const [name, key] of Object.entries(KEYS[type]) as Array<[ArtifactName, string]>) {
    const value = dbtConfigSource[key];
    if (typeof value !== 'string' || value.trim() === '') continue;
    locations.push({
      name,
      key: [...CONFIG_SOURCE, key],
      source: type === 'local' ? { kind: 'file', path: value } : { kind: 'url', url: value },
    });
  }
  return locations;
}
