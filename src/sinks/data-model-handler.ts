import type { DataModelBody, DataModelData } from '../dbt/data-model.js';
import type { JsonPatchOperation, OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import type { TagLabel } from '../openmetadata/requests.js';
import { usesOwnersList } from '../openmetadata/server-version.js';
import { oncePerKey } from '../util/once-per-key.js';
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

/** A label's identity: a glossary term and a tag may share an FQN. */
const labelKey = (label: TagLabel): string => `${label.source}\u0000${label.tagFQN}`;

/** The model without the labels `missing` holds (by labelKey), on the table and on every column. */
function withoutLabels(model: DataModelBody, missing: ReadonlyMap<string, TagLabel>): DataModelBody {
  if (missing.size === 0) return model;
  const keep = <T extends { tags?: TagLabel[] }>(holder: T): T =>
    holder.tags ? { ...holder, tags: holder.tags.filter((label) => !missing.has(labelKey(label))) } : holder;
  return { ...keep(model), columns: model.columns.map(keep) };
}

/**
 * Sends what dbt says about one table: the data model (PUT /v1/tables/{id}/dataModel, whose owner and tags the server
 * gives the table when it has none of its own), then the descriptions (a JSON Patch, as OpenMetadata's dbt source
 * does) and, with dbtUpdateOwners, the owner. Upstream names the server does not hold are left out of the model, and
 * so are the tier, tags and glossary terms `meta.openmetadata` declares that the server lacks (the server would refuse
 * the whole model for one of them; OpenMetadata's dbt source likewise labels only with what exists).
 */
export class DataModelHandler {
  /** Whether the server holds the tag or glossary term a label names; asked once per run. */
  private readonly labelExists = oncePerKey(labelKey, (label: TagLabel) =>
    this.client.getByName(label.source === 'Glossary' ? 'glossaryTerms' : 'tags', label.tagFQN).then((entity) => entity !== undefined),
  );

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

  /** The declared labels of the model the server lacks, by labelKey. */
  private async missingLabels(data: DataModelData): Promise<Map<string, TagLabel>> {
    const declared = new Set(data.declaredLabels ?? []);
    if (declared.size === 0) return new Map();
    const model = data.dataModel;
    const candidates = [...(model.tags ?? []), ...model.columns.flatMap((column) => column.tags ?? [])].filter((label) => declared.has(label.tagFQN));
    const held = await Promise.all(candidates.map((label) => this.labelExists(label)));
    return new Map(candidates.filter((_, i) => !held[i]).map((label) => [labelKey(label), label]));
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
    const missing = await this.missingLabels(data);
    const model = withoutLabels(data.dataModel, missing);
    const body = { ...model, upstream, ...(reference ? (ownersList ? { owners: [reference] } : { owner: reference }) : {}) };
    await this.client.http.request('PUT', `tables/${encodeURIComponent(table.id)}/dataModel`, body);

    const operations = descriptionPatch(table, data.descriptions ?? { columns: [] }, data.overwriteDescriptions);
    if (data.overwriteOwner && reference) {
      operations.push(ownersList ? { op: 'add', path: '/owners', value: [reference] } : { op: 'add', path: '/owner', value: reference });
    }
    if (operations.length > 0) await this.client.patch('tables', table.id, operations);
    const warnings: string[] = [];
    // A role from the catalog is a guess at best; an owner the project names and the server lacks is worth saying.
    if (data.owner?.from === 'meta' && !owner)
      warnings.push(`owner '${data.owner.name}' is no user or team on the server; the table keeps its owner`);
    if (missing.size > 0) {
      const named = [...missing.values()].map((label) => `${label.source === 'Glossary' ? 'glossary term' : 'tag'} ${label.tagFQN}`);
      warnings.push(
        `${named.join(', ')} from meta.openmetadata ${missing.size === 1 ? 'is' : 'are'} not on the server (create it first); not applied`,
      );
    }
    return warnings.length > 0 ? { sent: true, warning: `${data.node}: ${warnings.join('; ')}` } : { sent: true };
  }
}
