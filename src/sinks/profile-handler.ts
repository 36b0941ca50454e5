import { buildFqn } from '../openmetadata/fqn.js';
import type { JsonPatchOperation, OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import type { TableColumnTags, TableProfileData, TableSampleData } from '../profiler/table-profile.js';
import type { DeliveryOutcome } from './lineage-handler.js';
import { missingTable, type TableLookup } from './table-lookup.js';

/**
 * Sends the profiler's records: a table's profile (PUT /v1/tables/{id}/tableProfile, OpenMetadata's
 * CreateTableProfileRequest), its sample rows (PUT /v1/tables/{id}/sampleData) and PII tags (a JSON Patch that adds
 * each tag to its column, as OpenMetadata's PII processor does).
 */
export class ProfileHandler {
  constructor(
    private readonly client: OpenMetadataClient,
    private readonly tables: TableLookup,
  ) {}

  async profile(data: TableProfileData): Promise<DeliveryOutcome> {
    const table = await this.tables.get(data.table.fullyQualifiedName);
    if (!table) return { sent: false, warning: `${missingTable(data.table.fullyQualifiedName)}: profile not sent` };
    // A column the server does not hold (added since the last metadata run) would fail the whole request.
    const columnProfile = data.columnProfile.filter(
      (column) => table.columns.size === 0 || table.columns.has(`${data.table.fullyQualifiedName}.${buildFqn(column.name)}`),
    );
    await this.client.http.request('PUT', `tables/${encodeURIComponent(table.id)}/tableProfile`, { tableProfile: data.tableProfile, columnProfile });
    return { sent: true };
  }

  async sampleData(data: TableSampleData): Promise<DeliveryOutcome> {
    const table = await this.tables.get(data.table.fullyQualifiedName);
    if (!table) return { sent: false, warning: `${missingTable(data.table.fullyQualifiedName)}: sample data not sent` };
    await this.client.http.request('PUT', `tables/${encodeURIComponent(table.id)}/sampleData`, data.sampleData);
    return { sent: true };
  }

  /**
   * Adds each PII tag to its column. A column that already has a PII tag (a person's, or an earlier run's) keeps it
   * and gets none: nothing is ever removed or replaced.
   */
  async columnTags(data: TableColumnTags): Promise<DeliveryOutcome> {
    const fqn = data.table.fullyQualifiedName;
    const table = await this.client.getByName('tables', fqn, 'columns,tags');
    if (!table) return { sent: false, warning: `${missingTable(fqn)}: PII tags not sent` };
    const columns = (table.columns as Array<{ name: string; tags?: Array<{ tagFQN: string }> }> | undefined) ?? [];
    const operations: JsonPatchOperation[] = [];
    for (const tagged of data.columns) {
      const index = columns.findIndex((column) => column.name === tagged.name);
      const column = columns[index];
      if (!column || column.tags?.some((tag) => tag.tagFQN.startsWith('PII.'))) continue;
      // The column's whole list, its own tags first: `add` on the member works whether the server's stored column
      // has a tags key or not (a `/tags/-` append needs one).
      operations.push({ op: 'add', path: `/columns/${index}/tags`, value: [...(column.tags ?? []), ...tagged.tags] });
    }
    if (operations.length > 0) await this.client.patch('tables', table.id, operations);
    return { sent: true };
  }
}
