import { buildFqn } from '../openmetadata/fqn.js';
import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import type { TableProfileData, TableSampleData } from '../profiler/table-profile.js';
import type { DeliveryOutcome } from './lineage-handler.js';
import { missingTable, type TableLookup } from './table-lookup.js';

/**
 * Sends the profiler's records: a table's profile (PUT /v1/tables/{id}/tableProfile, OpenMetadata's
 * CreateTableProfileRequest) and its sample rows (PUT /v1/tables/{id}/sampleData).
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
}
