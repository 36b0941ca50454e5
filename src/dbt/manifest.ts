import { isObject, text, strings, object, type Json } from './json-fields.js';
import type { DbtColumn, DbtManifest, DbtRelationNode, DbtTestNode, RelationResourceType } from './dbt-nodes.js';
import { schemaVersionOf } from './schema-version.js';

const RELATION_TYPES: ReadonlySet<string> = new Set<RelationResourceType>(['model', 'seed', 'snapshot']);

function columnsOf(node: Json): DbtColumn[] {
  return Object.entries(object(node.columns)).flatMap(([key, raw]) => {
    if (!isObject(raw)) return [];
    const dataType = text(raw.data_type);
    return [
      {
        name: text(raw.name) ?? key,
        description: text(raw.description) ?? '',
        ...(dataType ? { dataType } : {}),
        tags: strings(raw.tags),
        meta: { ...object(object(raw.config).meta), ...object(raw.meta) },
      },
    ];
  });
}

/** The fields every relation node shares, under both names dbt has given them (raw_sql before v7, raw_code since). */
function relationOf(uniqueId: string, node: Json, resourceType: RelationResourceType): DbtRelationNode | string {
  const name = text(node.name);
  const schema = text(node.schema);
  const database = text(node.database);
  if (!name || !schema || !database) return `${uniqueId}: no ${!name ? 'name' : !schema ? 'schema' : 'database'}`;
  const config = object(node.config);
  const relationName = (resourceType === 'source' ? text(node.identifier) : text(node.alias)) || name;
  const materialized = text(config.materialized);
  const rawSql = text(node.raw_code) ?? text(node.raw_sql);
  const compiledSql = text(node.compiled_code) ?? text(node.compiled_sql);
  const path = text(node.original_file_path) ?? text(node.path);
  return {
    uniqueId,
    resourceType,
    packageName: text(node.package_name) ?? '',
    name,
    database,
    schema,
    relationName,
    description: text(node.description) ?? '',
    columns: columnsOf(node),
    tags: strings(node.tags),
    meta: { ...object(config.meta), ...object(node.meta) },
    ...(materialized ? { materialized } : {}),
    ...(rawSql ? { rawSql } : {}),
    ...(compiledSql ? { compiledSql } : {}),
    ...(path ? { path } : {}),
    dependsOn: strings(object(node.depends_on).nodes),
  };
}

function testOf(uniqueId: string, node: Json): DbtTestNode {
  const metadata = isObject(node.test_metadata) ? node.test_metadata : undefined;
  const config = object(node.config);
  const testName = text(metadata?.name);
  const namespace = text(metadata?.namespace);
  const columnName = text(node.column_name) ?? text(object(metadata?.kwargs).column_name);
  const attachedNode = text(node.attached_node);
  const severity = text(config.severity);
  const compiledSql = text(node.compiled_code) ?? text(node.compiled_sql);
  const path = text(node.original_file_path) ?? text(node.path);
  return {
    uniqueId,
    name: text(node.name) ?? uniqueId,
    packageName: text(node.package_name) ?? '',
    ...(testName ? { testName } : {}),
    ...(namespace ? { namespace } : {}),
    kwargs: object(metadata?.kwargs),
    ...(columnName ? { columnName } : {}),
    description: text(node.description) ?? '',
    dependsOn: strings(object(node.depends_on).nodes),
    ...(attachedNode ? { attachedNode } : {}),
    ...(severity ? { severity } : {}),
    ...(compiledSql ? { compiledSql } : {}),
    ...(path ? { path } : {}),
    tags: strings(node.tags),
  };
}

/** Why a manifest cannot be read at all (its required maps are missing), or undefined. */
export function manifestShapeProblem(document: Json): string | undefined {
  if (!isObject(document.nodes)) return "it has no 'nodes' object";
  if (document.sources !== undefined && !isObject(document.sources)) return "its 'sources' is not an object";
  return undefined;
}

/**
 * A manifest of any version from v6 on, read into omgen's terms. Only `metadata`, `nodes` and `sources` are read, as
 * OpenMetadata does: semantic models, metrics, saved queries, unit tests, exposures and the `disabled` map are other
 * top-level keys and pass unread. Nodes OpenMetadata does not ingest are counted in `passedOver` by reason, and a
 * node too broken to read is in `malformed` with its reason; neither stops the rest.
 */
export function readManifest(document: Json): DbtManifest & { malformed: string[] } {
  const metadata = object(document.metadata);
  const declared = schemaVersionOf(document);
  const relations: DbtRelationNode[] = [];
  const tests: DbtTestNode[] = [];
  const passedOver = new Map<string, string[]>();
  const malformed: string[] = [];
  const ephemeralParents = new Map<string, string[]>();
  const passOver = (reason: string, id: string) => {
    const ids = passedOver.get(reason);
    if (ids) ids.push(id);
    else passedOver.set(reason, [id]);
  };
  const addRelation = (id: string, node: Json, type: RelationResourceType) => {
    const read = relationOf(id, node, type);
    if (typeof read === 'string') malformed.push(read);
    else relations.push(read);
  };

  for (const [id, node] of Object.entries(object(document.nodes))) {
    if (!isObject(node)) {
      malformed.push(`${id}: not an object`);
      continue;
    }
    const type = text(node.resource_type) ?? 'unknown';
    const config = object(node.config);
    if (config.enabled === false) passOver('disabled', id);
    else if (type === 'test') tests.push(testOf(id, node));
    else if (!RELATION_TYPES.has(type)) passOver(type, id);
    // Ephemeral models are CTEs inlined into their children: no relation exists to hold a data model.
    else if (config.materialized === 'ephemeral') {
      passOver('ephemeral model', id);
      ephemeralParents.set(id, strings(object(node.depends_on).nodes));
    } else addRelation(id, node, type as RelationResourceType);
  }
  for (const [id, node] of Object.entries(object(document.sources))) {
    if (!isObject(node)) malformed.push(`${id}: not an object`);
    else if (object(node.config).enabled === false) passOver('disabled', id);
    else addRelation(id, node, 'source');
  }

  const projectName = text(metadata.project_name);
  const invocationId = text(metadata.invocation_id);
  const generatedAt = text(metadata.generated_at);
  return {
    version: declared?.version ?? 0,
    ...(declared?.dbtVersion ? { dbtVersion: declared.dbtVersion } : {}),
    ...(projectName ? { projectName } : {}),
    ...(invocationId ? { invocationId } : {}),
    ...(generatedAt ? { generatedAt } : {}),
    relations,
    tests,
    ephemeralParents,
    passedOver,
    malformed,
  };
}
