import { readCatalog, type CatalogEntry } from './catalog.js';
import { artifactLocations, type ArtifactLocation, type ArtifactName } from './artifact-locations.js';
import type { DbtManifest } from './dbt-nodes.js';
import { manifestShapeProblem, readManifest } from './manifest.js';
import { ArtifactError, describeLocation, readArtifact } from './read-artifact.js';
import { readRunResults, resultsProblem, type RunResults } from './run-results.js';
import { readSourceFreshness, type FreshnessResult } from './source-freshness.js';
import { KNOWN_MANIFEST_VERSIONS, kindProblem, type ArtifactKind } from './schema-version.js';
import { dottedPath } from '../config/key-path.js';

/** The artifacts of one run, read and checked: the manifest, and whichever optional ones could be used. */
export interface DbtArtifacts {
  manifest: DbtManifest & { malformed: string[] };
  catalog: Map<string, CatalogEntry>;
  runResults?: RunResults;
  /** sources.json: each source's freshness, by unique id. */
  freshness?: Map<string, FreshnessResult>;
  /** Problems that cost an optional artifact or part of one; the run goes on without it. */
  warnings: Array<{ name: string; message: string }>;
}

const KINDS: Record<ArtifactName, ArtifactKind> = { manifest: 'manifest', catalog: 'catalog', run_results: 'run-results', sources: 'sources' };

async function readChecked(location: ArtifactLocation): Promise<Record<string, unknown>> {
  const document = await readArtifact(location);
  const problem = kindProblem(document, KINDS[location.name]);
  if (problem) throw new ArtifactError(`${dottedPath(location.key)} (${describeLocation(location)}): ${problem}`);
  return document as Record<string, unknown>;
}

/**
 * Reads every artifact the config names, all at once. The manifest must be usable (an ArtifactError otherwise);
 * a catalog or run_results that cannot be read, or that belongs to another manifest, is a warning and left out.
 */
export async function loadDbtArtifacts(dbtConfigSource: Record<string, unknown>): Promise<DbtArtifacts> {
  const locations = artifactLocations(dbtConfigSource) ?? [];
  const manifestAt = locations.find((l) => l.name === 'manifest');
  if (!manifestAt) throw new ArtifactError('source.sourceConfig.config.dbtConfigSource: no manifest is configured');
  const reads = new Map(locations.map((location) => [location.name, readChecked(location)] as const));
  // Optional artifacts are awaited below; a rejection must not go unhandled meanwhile.
  for (const pending of reads.values()) pending.catch(() => undefined);

  const manifestDocument = await (reads.get('manifest') as Promise<Record<string, unknown>>);
  const shape = manifestShapeProblem(manifestDocument);
  if (shape) throw new ArtifactError(`${dottedPath(manifestAt.key)} (${describeLocation(manifestAt)}): ${shape}`);
  const manifest = readManifest(manifestDocument);
  const warnings: DbtArtifacts['warnings'] = [];
  const { min, max } = KNOWN_MANIFEST_VERSIONS;
  if (manifest.version < min || manifest.version > max) {
    warnings.push({
      name: 'manifest',
      message: `manifest schema v${manifest.version} (dbt ${manifest.dbtVersion ?? 'unknown'}) is not one omgen knows (v${min} to v${max}); its nodes are read by the fields those versions share`,
    });
  }
  for (const problem of manifest.malformed) warnings.push({ name: 'manifest', message: `node not read: ${problem}` });

  const optional = async <T>(name: ArtifactName, read: (document: Record<string, unknown>) => T): Promise<T | undefined> => {
    const pending = reads.get(name);
    if (!pending) return undefined;
    try {
      return read(await pending);
    } catch (error) {
      warnings.push({ name, message: `${(error as Error).message}; going on without it` });
      return undefined;
    }
  };
  const catalog = (await optional('catalog', readCatalog)) ?? new Map<string, CatalogEntry>();
  let runResults = await optional('run_results', readRunResults);
  if (runResults) {
    const known = new Set(
      [...manifest.relations.map((r) => r.uniqueId), ...manifest.tests.map((t) => t.uniqueId), ...manifest.passedOver.values()].flat(),
    );
    const problem = resultsProblem(runResults, known, manifest.invocationId);
    if (problem) {
      const at = locations.find((l) => l.name === 'run_results') as ArtifactLocation;
      warnings.push({
        name: 'run_results',
        message: `${dottedPath(at.key)} (${describeLocation(at)}): ${problem}; dbt test results are not ingested`,
      });
      runResults = undefined;
    }
  }
  const freshness = await optional('sources', readSourceFreshness);
  return { manifest, catalog, ...(runResults ? { runResults } : {}), ...(freshness ? { freshness } : {}), warnings };
}
