import type { WorkflowConfig } from '../config/types.js';
import { NameFilter } from '../metadata/name-filter.js';
import { loadSqlParser } from '../usage/sql-parser.js';
import type { Logger } from '../util/logger.js';
import type { OutputRecord, SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import type { DbtArtifacts } from './dbt-artifacts.js';
import { loadDbtArtifacts } from './dbt-artifacts.js';
import type { DbtPipelineConfig } from './dbt-config.js';
import { lineageCatalogOf, modelLineage, upstreamRelations } from './dbt-lineage.js';
import type { DbtRelationNode } from './dbt-nodes.js';
import { buildDataModel, relationFqn, type DataModelSettings } from './data-model.js';
import { testRecords } from './dbt-test-records.js';
import { tagRecords } from './dbt-tag-records.js';
import { ArtifactError } from './read-artifact.js';

/**
 * OpenMetadata's dbt source: reads the artifacts and says, for every model, seed, snapshot and source the filters
 * keep, what dbt knows of its table (a data model, descriptions, owner, tags), its lineage, and with run_results its
 * tests and their outcomes. It reads no database: the tables are the ones the metadata workflow ingested.
 */
export class DbtSource implements Source {
  readonly stepName = 'dbt';
  private readonly pipeline: DbtPipelineConfig;
  private readonly service: string;
  private artifacts?: DbtArtifacts;
  private loadProblem?: string;

  constructor(
    config: WorkflowConfig,
    private readonly log: Logger,
  ) {
    this.pipeline = config.source.sourceConfig.config as unknown as DbtPipelineConfig;
    this.service = config.source.serviceName;
  }

  async prepare(): Promise<void> {
    try {
      this.artifacts = await loadDbtArtifacts(this.pipeline.dbtConfigSource);
      const { manifest } = this.artifacts;
      this.log.info(
        `Read dbt manifest v${manifest.version} (dbt ${manifest.dbtVersion ?? 'unknown'}${manifest.projectName ? `, project ${manifest.projectName}` : ''}): ${manifest.relations.length} relations, ${manifest.tests.length} tests`,
      );
    } catch (error) {
      // A manifest that cannot be read is this run's one failure, reported as such (not a crash, not a config error).
      if (!(error instanceof ArtifactError)) throw error;
      this.loadProblem = error.message;
    }
  }

  async *events(): AsyncGenerator<SourceEvent> {
    if (!this.artifacts) {
      yield { kind: 'failure', failure: { name: 'manifest', error: this.loadProblem ?? 'the manifest was not read' } };
      return;
    }
    const { manifest, catalog, runResults, freshness, warnings } = this.artifacts;
    for (const warning of warnings) yield { kind: 'warning', ...warning };
    for (const [reason, ids] of manifest.passedOver) yield { kind: 'fact', name: `passed over (${reason})`, value: String(ids.length) };

    const byId = new Map(manifest.relations.map((node) => [node.uniqueId, node]));
    const kept: DbtRelationNode[] = [];
    const filters = {
      database: new NameFilter(this.pipeline.databaseFilterPattern),
      schema: new NameFilter(this.pipeline.schemaFilterPattern),
      table: new NameFilter(this.pipeline.tableFilterPattern),
    };
    for (const node of manifest.relations) {
      const fqn = relationFqn(this.service, node);
      const rejectedBy = filters.database.rejects(node.database)
        ? 'databaseFilterPattern'
        : filters.schema.rejects(node.schema)
          ? 'schemaFilterPattern'
          : filters.table.rejects(node.relationName)
            ? 'tableFilterPattern'
            : undefined;
      if (rejectedBy) yield { kind: 'filtered', name: fqn, reason: `${node.uniqueId} excluded by ${rejectedBy}` };
      else kept.push(node);
    }

    const tagFilter = new NameFilter(this.pipeline.tagFilterPattern);
    const includeTags = this.pipeline.includeTags !== false;
    const settings: DataModelSettings = {
      service: this.service,
      classification: this.pipeline.dbtClassificationName ?? 'dbtTags',
      keepTag: (tag) => includeTags && !tagFilter.rejects(tag),
      overwriteDescriptions: this.pipeline.dbtUpdateDescriptions === true,
      overwriteOwner: this.pipeline.dbtUpdateOwners === true,
    };
    for (const record of tagRecords(kept, settings)) yield { kind: 'record', record };

    const parser = await loadSqlParser();
    const catalogs = new Map<string, ReturnType<typeof lineageCatalogOf>>();
    const lineageCatalog = (database: string) => {
      let found = catalogs.get(database);
      if (!found) {
        found = lineageCatalogOf(
          manifest.relations.filter((node) => node.database === database),
          catalog,
        );
        catalogs.set(database, found);
      }
      return found;
    };
    for (const node of kept) {
      const fqn = relationFqn(this.service, node);
      const upstream = upstreamRelations(node, manifest, byId);
      const data = buildDataModel(
        node,
        catalog.get(node.uniqueId),
        upstream.map((parent) => relationFqn(this.service, parent)),
        settings,
      );
      yield { kind: 'record', record: { type: 'dataModel', data, entityName: fqn } };
      const lineage = modelLineage(node, upstream, {
        service: this.service,
        parser,
        catalog: lineageCatalog(node.database),
        timeoutSeconds: this.pipeline.parsingTimeoutLimit ?? 300,
      });
      if (lineage.sqlProblem) {
        yield {
          kind: 'warning',
          name: fqn,
          message: `${node.uniqueId}: compiled SQL not parsed (${lineage.sqlProblem}); lineage from depends_on only`,
        };
      }
      for (const edge of lineage.edges) {
        const record: OutputRecord = {
          type: 'addLineage',
          data: edge,
          entityName: `${edge.edge.fromEntity.fullyQualifiedName} -> ${edge.edge.toEntity.fullyQualifiedName}`,
        };
        yield { kind: 'record', record };
      }
    }

    yield* testRecords(manifest.tests, {
      byId,
      kept: new Set(kept.map((k) => k.uniqueId)),
      ...(runResults ? { runResults } : {}),
      ...(freshness ? { freshness } : {}),
      service: this.service,
    });
  }

  async close(): Promise<void> {}
}
