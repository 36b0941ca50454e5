/** Artifact kinds as dbt names them in `metadata.dbt_schema_version` (https://schemas.getdbt.com/dbt/<kind>/v<N>.json). */
export type ArtifactKind = 'manifest' | 'catalog' | 'run-results' | 'sources';

/** The manifest versions omgen has been built and tested against: dbt 1.2 (v6) to dbt 1.8 and later (v12). */
export const KNOWN_MANIFEST_VERSIONS = { min: 6, max: 12 } as const;

export interface SchemaVersion {
  kind: string;
  version: number;
  dbtVersion?: string;
}

const SCHEMA_URL = /\/dbt\/([a-z-]+)\/v(\d+)\.json$/;

/** The artifact kind and version its metadata declares, or undefined when it declares none (not a dbt artifact). */
export function schemaVersionOf(document: unknown): SchemaVersion | undefined {
  const metadata = (document as { metadata?: { dbt_schema_version?: unknown; dbt_version?: unknown } } | null)?.metadata;
  const url = metadata?.dbt_schema_version;
  if (typeof url !== 'string') return undefined;
  const match = SCHEMA_URL.exec(url);
  if (!match) return undefined;
  const dbtVersion = typeof metadata?.dbt_version === 'string' ? metadata.dbt_version : undefined;
  return { kind: match[1] as string, version: Number(match[2]), ...(dbtVersion ? { dbtVersion } : {}) };
}

/**
 * Why a document cannot be read as the artifact it was given as, or undefined when it can. A document of another
 * kind (a run_results given as the manifest) is refused; an unknown version of the right kind is read, since the
 * fields omgen reads have kept their shape since v6, and the caller warns about it.
 */
export function kindProblem(document: unknown, expected: ArtifactKind): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'not a dbt artifact (the JSON is not an object)';
  const declared = schemaVersionOf(document);
  if (!declared) return `not a dbt ${expected} artifact (metadata.dbt_schema_version is missing)`;
  if (declared.kind !== expected) return `a dbt ${declared.kind} artifact, not a ${expected} artifact`;
  return undefined;
}
