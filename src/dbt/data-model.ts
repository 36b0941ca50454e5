import { buildFqn, encodeReservedSeparators } from '../openmetadata/fqn.js';
import type { FqnReference } from '../lineage/lineage-request.js';
import type { CatalogEntry } from './catalog.js';
import { mapCatalogType } from './catalog-type.js';
import type { DbtRelationNode } from './dbt-nodes.js';
import type { TagLabel } from '../openmetadata/requests.js';
import { isObject } from './json-fields.js';
import { classificationLabel, distinctLabels, metaLabels } from './meta-labels.js';

export interface DataModelColumn {
  name: string;
  dataType: string;
  dataTypeDisplay?: string;
  arrayDataType?: string;
  dataLength?: number;
  precision?: number;
  scale?: number;
  ordinalPosition?: number;
  description?: string;
  tags?: TagLabel[];
}

/** OpenMetadata's DataModel (table.json), 1.4's shape; the owner travels beside it, by name, until a sink resolves it. */
export interface DataModelBody {
  modelType: 'DBT';
  resourceType: string;
  description?: string;
  path?: string;
  rawSql: string;
  sql: string;
  upstream: string[];
  tags?: TagLabel[];
  columns: DataModelColumn[];
}

/** Everything dbt says about one table: its data model, descriptions to fill, and an owner to give it. */
export interface DataModelData {
  table: FqnReference;
  /** The dbt node's unique id, which warnings about the table name. */
  node: string;
  dataModel: DataModelBody;
  /**
   * The owner dbt names, a user or team name or an email: from the node's meta (meta.openmetadata.owner, meta.owner),
   * else the catalog's (the database role that owns the relation, which need not be anyone in OpenMetadata).
   */
  owner?: { name: string; from: 'meta' | 'catalog' };
  /** Descriptions from dbt, set where OpenMetadata's are empty, or everywhere with overwriteDescriptions. */
  descriptions: { table?: string; columns: Array<{ name: string; description: string }> };
  overwriteDescriptions: boolean;
  /** dbtUpdateOwners: replace the table's owner with dbt's (otherwise only a table without one gets it). */
  overwriteOwner: boolean;
  /**
   * The FQNs of labels the project asks for under `meta.openmetadata` (tier, tags, glossary terms, on the table or a
   * column): they must already exist on the server, which the sink checks, leaving out (with a warning) what it lacks.
   */
  declaredLabels?: string[];
}

export interface DataModelSettings {
  service: string;
  classification: string;
  /** Tags to label with (includeTags and tagFilterPattern applied); undefined labels none. */
  keepTag: (tag: string) => boolean;
  overwriteDescriptions: boolean;
  overwriteOwner: boolean;
}

export const relationFqn = (service: string, node: Pick<DbtRelationNode, 'database' | 'schema' | 'relationName'>): string =>
  buildFqn(service, node.database, node.schema, node.relationName);

/** A dbt tag's name in OpenMetadata: free text, stored with the FQN's reserved characters replaced. */
export const tagName = (tag: string): string => encodeReservedSeparators(tag);

export const tagFqn = (classification: string, tag: string): string => buildFqn(classification, tagName(tag));

/** The labels of dbt's own tags (includeTags and tagFilterPattern applied), then those `meta.openmetadata` declares. */
function labels(tags: readonly string[], declared: readonly TagLabel[], settings: DataModelSettings): TagLabel[] {
  const fromTags = [...new Set(tags)].filter(settings.keepTag).map((tag) => classificationLabel(tagFqn(settings.classification, tag)));
  return distinctLabels([...fromTags, ...declared]);
}

/** A single owner: OpenMetadata's newer `meta.openmetadata.owner` first, then dbt's `meta.owner`, then the catalog's. */
export function ownerOf(node: DbtRelationNode, catalog: CatalogEntry | undefined): DataModelData['owner'] {
  const openmetadata = isObject(node.meta.openmetadata) ? node.meta.openmetadata : {};
  for (const candidate of [openmetadata.owner, node.meta.owner]) {
    const name = Array.isArray(candidate) ? candidate.find((c) => typeof c === 'string') : candidate;
    if (typeof name === 'string' && name.trim() !== '') return { name: name.trim(), from: 'meta' };
  }
  return catalog?.owner ? { name: catalog.owner, from: 'catalog' } : undefined;
}

/** The columns dbt documents (as OpenMetadata sends them: the manifest's columns, typed and ordered by the catalog). */
function columnsOf(node: DbtRelationNode, catalog: CatalogEntry | undefined, settings: DataModelSettings): DataModelColumn[] {
  return node.columns.map((column) => {
    const found = catalog?.columns.get(column.name.toLowerCase());
    const typeText = found?.type ?? column.dataType;
    const mapped = typeText ? mapCatalogType(typeText) : { dataType: 'UNKNOWN' };
    const description = column.description || found?.comment;
    const tags = labels(column.tags, metaLabels(column.meta, 'column'), settings);
    return {
      name: found?.name ?? column.name,
      ...mapped,
      ...(typeText ? { dataTypeDisplay: typeText } : {}),
      ...(found?.index !== undefined ? { ordinalPosition: found.index } : {}),
      ...(description ? { description } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    } satisfies DataModelColumn;
  });
}

/** One relation's DataModel record; `upstream` holds the FQNs of the relations it depends on. */
export function buildDataModel(
  node: DbtRelationNode,
  catalog: CatalogEntry | undefined,
  upstream: string[],
  settings: DataModelSettings,
): DataModelData {
  const fqn = relationFqn(settings.service, node);
  const columns = columnsOf(node, catalog, settings);
  const tableDeclared = metaLabels(node.meta, 'table');
  const declared = [...tableDeclared, ...node.columns.flatMap((column) => metaLabels(column.meta, 'column'))];
  const tags = labels(node.tags, tableDeclared, settings);
  // The file within the project (OpenMetadata prefixes v7's root_path, an absolute path on the machine that compiled).
  const path = node.path;
  const owner = ownerOf(node, catalog);
  const tableDescription = node.description || catalog?.comment;
  return {
    table: { type: 'table', fullyQualifiedName: fqn },
    node: node.uniqueId,
    dataModel: {
      modelType: 'DBT',
      resourceType: node.resourceType,
      ...(node.description ? { description: node.description } : {}),
      ...(path ? { path } : {}),
      rawSql: node.rawSql ?? '',
      sql: node.compiledSql ?? '',
      upstream,
      ...(tags.length > 0 ? { tags } : {}),
      columns,
    },
    ...(owner ? { owner } : {}),
    descriptions: {
      ...(tableDescription ? { table: tableDescription } : {}),
      columns: columns.filter((c) => c.description).map((c) => ({ name: c.name, description: c.description as string })),
    },
    // OpenMetadata never overwrites a source's description or owner: dbt sources describe tables other tools own.
    overwriteDescriptions: settings.overwriteDescriptions && node.resourceType !== 'source',
    overwriteOwner: settings.overwriteOwner && node.resourceType !== 'source',
    ...(declared.length > 0 ? { declaredLabels: [...new Set(declared.map((label) => label.tagFQN))] } : {}),
  };
}
