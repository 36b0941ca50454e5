import type { DataModelData } from '../dbt/data-model.js';
import type { JsonPatchOperation, OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import { usesOwnersList } from '../openmetadata/server-version.js';
import type { DeliveryOutcome } from './lineage-handler.js';
import type { OwnerResolver, ResolvedOwner } from './owner-resolver.js';
import { missingTable, type TableLookup } from './table-lookup.js';

interface StoredColumn {
  name: string;
  description?: string;
}

const isEmpty = (text: string | undefined): boolean => text === undefined || text.trim() === '';

/**
 * The JSON Patch that gives the table dbt's descriptions: where OpenMetadata's are empty, or wherever they differ
 * with `overwrite` (dbtUpdateDescriptions). Columns are matched by name, exactly, else ignoring case (dbt's YAML and
 * the database often differ in case).
 */
export function descriptionPatch(table: StoredEntity, descriptions: DataModelData['descriptions'], overwrite: boolean): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  const wanted = (current: string | undefined, next: string | undefined) =>
    next !== undefined && !isEmpty(next) && (isEmpty(current) || (overwrite && current !== next));
  if (wanted(table.description as string | undefined, descriptions.table))
    operations.push({ op: 'add', path: '/description', value: descriptions.table });
  const columns = (table.columns as StoredColumn[] | undefined) ?? [];
  for (const { name, description } of descriptions.columns ?? []) {
    let index = columns.findIndex((column) => column.name === name);
    if (index < 0) index = columns.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
    const column = columns[index];
    if (column && wanted(column.description, description)) operations.push({ op: 'add', path: `/columns/${index}/description`, value: description });
  }
  return operations;
}

/**
 * Sends what dbt says about one table: the data model (PUT /v1/tables/{id}/dataModel, whose owner and tags the server
 * gives the table when it has none of its own), then the descriptions (a JSON Patch, as OpenMetadata's dbt source
 * does) and, with dbtUpdateOwners, the owner. Upstream names the server does not hold are left out of the model.
 */
export class DataModelHandler {
  constructor(
    private readonly client: OpenMetadataClient,
    private readonly tables: TableLookup,
    private readonly owners: OwnerResolver,
  ) {}

  /** A dbt owner: a user or team of that name, else (an email) the user named by the address's local part. */
  private async owner(name: string): Promise<ResolvedOwner | undefined> {
    const found = await this.owners.resolve(name);
    if (found || !name.includes('@')) return found;
    return this.owners.resolve(name.slice(0, name.indexOf('@')));
  }

  async deliver(data: DataModelData): Promise<DeliveryOutcome> {
    const fqn = data.table.fullyQualifiedName;
    const ownersList = usesOwnersList(this.client.version);
    const table = await this.client.getByName('tables', fqn, `columns,${ownersList ? 'owners' : 'owner'}`);
    if (!table) return { sent: false, warning: `${data.node}: ${missingTable(fqn)}; its dbt data model is not sent` };
    // A record replayed from a file is checked by the server, as a run's own would be: what it lacks, it refuses.
    const candidates = data.dataModel.upstream ?? [];
    const held = await Promise.all(candidates.map((name) => this.tables.get(name)));
    const upstream = candidates.filter((_, i) => held[i] !== undefined);
    const owner = data.owner ? await this.owner(data.owner.name) : undefined;
    const reference = owner ? { id: owner.id, type: owner.type } : undefined;
    const body = { ...data.dataModel, upstream, ...(reference ? (ownersList ? { owners: [reference] } : { owner: reference }) : {}) };
    await this.client.http.request('PUT', `tables/${encodeURIComponent(table.id)}/dataModel`, body);

    const operations = descriptionPatch(table, data.descriptions ?? { columns: [] }, data.overwriteDescriptions);
    if (data.overwriteOwner && reference) {
      operations.push(ownersList ? { op: 'add', path: '/owners', value: [reference] } : { op: 'add', path: '/owner', value: reference });
    }
    if (operations.length > 0) await this.client.patch('tables', table.id, operations);
    // A role from the catalog is a guess at best; an owner the project names and the server lacks is worth saying.
    if (data.owner?.from === 'meta' && !owner) {
      return { sent: true, warning: `${data.node}: owner '${data.owner.name}' is no user or team on the server; the table keeps its owner` };
    }
    return { sent: true };
  }
}
