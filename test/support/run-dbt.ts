// Running the dbt workflow in tests: the shop project's artifacts (test/fixtures/dbt) written for one database and
// version, the workflow to the API double or to a file.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowText } from '../../src/config/load-workflow.js';
import { createLogger } from '../../src/util/logger.js';
import type { RunOptions, RunResult } from '../../src/workflow/run-workflow.js';
import { runWorkflow } from '../../src/workflow/run-workflow.js';
import { shopArtifacts, type ManifestVersion } from '../fixtures/dbt/artifacts.js';
import type { OpenMetadataDouble } from './openmetadata-double/index.js';
import { TEST_TOKEN } from './run-metadata-rest.js';

export interface ArtifactFiles {
  dir: string;
  manifest: string;
  catalog: string;
  runResults: string;
  sources: string;
}

/** Writes the artifacts (as dbt writes them, or changed by `edit`) into a new folder. */
export async function writeShopArtifacts(
  version: ManifestVersion,
  database: string,
  edit: (artifacts: { manifest: any; catalog: any; runResults: any; sources: any }) => void = () => undefined,
): Promise<ArtifactFiles> {
  const dir = await mkdtemp(join(tmpdir(), `omgen-dbt-v${version}-`));
  const artifacts = structuredClone(shopArtifacts(version, { database })) as { manifest: any; catalog: any; runResults: any; sources: any };
  edit(artifacts);
  const files = {
    dir,
    manifest: join(dir, 'manifest.json'),
    catalog: join(dir, 'catalog.json'),
    runResults: join(dir, 'run_results.json'),
    sources: join(dir, 'sources.json'),
  };
  await writeFile(files.manifest, JSON.stringify(artifacts.manifest));
  await writeFile(files.catalog, JSON.stringify(artifacts.catalog));
  await writeFile(files.runResults, JSON.stringify(artifacts.runResults));
  await writeFile(files.sources, JSON.stringify(artifacts.sources));
  return files;
}

export interface DbtRunOptions {
  files: ArtifactFiles;
  serviceName: string;
  /** The double to send to; without one, the file sink writes `output`. */
  double?: OpenMetadataDouble;
  output?: string;
  sourceConfig?: Record<string, unknown>;
  source?: RunOptions['source'];
}

export function dbtWorkflow(options: DbtRunOptions): Record<string, unknown> {
  const { files } = options;
  return {
    source: {
      type: 'dbt',
      serviceName: options.serviceName,
      sourceConfig: {
        config: {
          type: 'DBT',
          dbtConfigSource: {
            dbtConfigType: 'local',
            dbtManifestFilePath: files.manifest,
            dbtCatalogFilePath: files.catalog,
            dbtRunResultsFilePath: files.runResults,
            dbtSourcesFilePath: files.sources,
          },
          ...options.sourceConfig,
        },
      },
    },
    sink: options.double ? { type: 'metadata-rest', config: {} } : { type: 'file', config: { filename: options.output } },
    workflowConfig: {
      loggerLevel: 'ERROR',
      openMetadataServerConfig: {
        hostPort: options.double?.baseUrl ?? 'http://localhost:8585/api',
        authProvider: 'openmetadata',
        securityConfig: { jwtToken: TEST_TOKEN },
      },
    },
  };
}

export async function runDbt(options: DbtRunOptions): Promise<RunResult> {
  const loaded = loadWorkflowText(JSON.stringify(dbtWorkflow(options)), 'dbt.yaml', {}, { forRun: true });
  return runWorkflow(loaded, { log: createLogger('ERROR', () => undefined), source: options.source });
}

/** The records a file sink wrote. */
export async function fileRecords(file: string): Promise<Array<{ type: string; data: any }>> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string; data: any });
}
