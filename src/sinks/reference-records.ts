import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import { buildFqn } from '../openmetadata/fqn.js';
import type { OutputRecord } from '../workflow/records.js';
import { DataModelHandler } from './data-model-handler.js';
import { LineageHandler, type DeliveryOutcome } from './lineage-handler.js';
import { ProfileHandler } from './profile-handler.js';
import { QualityHandler } from './quality-handler.js';
import { OwnerResolver } from './owner-resolver.js';
import { TableLookup } from './table-lookup.js';
import { UsageHandler } from './usage-handler.js';

/** Record types that name tables by FQN and are sent once the tables exist on the server (lineage, usage, profiles). */
export const REFERENCE_RECORD_TYPES: ReadonlySet<OutputRecord['type']> = new Set([
  'addLineage',
  'clearViewLineage',
  'createQuery',
  'usageRequest',
  'tableJoins',
  'tableProfile',
  'tableData',
  'columnTags',
  'createTestSuite',
  'createTestCase',
  'testCaseResult',
  'dataModel',
]);

/**
 * Entities a reference record needs the server to hold first, by FQN: a data model's table and the tags it labels
 * with, a test case's definition. The sink waits for those of them this run sends (a file may hold both).
 */
export function referenceDependencies(record: OutputRecord): string[] {
  switch (record.type) {
    case 'dataModel': {
      const { dataModel } = record.data;
      // A file's record may lack any of it: the server, not this lookup, says what is wrong with it.
      const labels = [...(dataModel?.tags ?? []), ...(dataModel?.columns ?? []).flatMap((column) => column.tags ?? [])];
      const table = record.data.table?.fullyQualifiedName;
      return [...new Set([...(table ? [table] : []), ...labels.map((label) => label.tagFQN)])];
    }
    case 'createTestCase':
      return [buildFqn(record.data.testDefinition)];
    default:
      return [];
  }
}

/**
 * The metadata-rest sink's handlers of records that refer to tables (lineage edges, queries, usage, joins): one
 * handler per kind, sharing one lookup of tables by FQN.
 */
export class ReferenceRecords {
  private readonly tables: TableLookup;
  private readonly lineage: LineageHandler;
  private readonly usage: UsageHandler;
  private readonly profiles: ProfileHandler;
  private readonly quality: QualityHandler;
  private readonly dataModels: DataModelHandler;

  constructor(client: OpenMetadataClient, options: { overrideViewLineage: boolean; forceUpdate?: boolean }) {
    this.tables = new TableLookup(client);
    this.lineage = new LineageHandler(client, this.tables, options.overrideViewLineage);
    this.usage = new UsageHandler(client, this.tables);
    this.profiles = new ProfileHandler(client, this.tables);
    this.quality = new QualityHandler(client, this.tables, options.forceUpdate === true);
    this.dataModels = new DataModelHandler(client, this.tables, new OwnerResolver(client));
  }

  deliver(record: OutputRecord): Promise<DeliveryOutcome> {
    switch (record.type) {
      case 'addLineage':
        return this.lineage.deliver(record.data);
      case 'clearViewLineage':
        return this.lineage.clear(record.data);
      case 'createQuery':
        return this.usage.query(record.data);
      case 'usageRequest':
        return this.usage.usage(record.data);
      case 'tableJoins':
        return this.usage.joins(record.data);
      case 'tableProfile':
        return this.profiles.profile(record.data);
      case 'tableData':
        return this.profiles.sampleData(record.data);
      case 'columnTags':
        return this.profiles.columnTags(record.data);
      case 'createTestSuite':
        return this.quality.suite(record.data);
      case 'createTestCase':
        return this.quality.testCase(record.data);
      case 'testCaseResult':
        return this.quality.result(record.data);
      case 'dataModel':
        return this.dataModels.deliver(record.data);
      default:
        throw new Error(`record type ${record.type} refers to no table`);
    }
  }

  /** After the last record: what the server recomputes once usage came in. */
  finish(today: string): Promise<void> {
    return this.usage.finish(today);
  }
}
