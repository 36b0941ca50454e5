/**
 * The collections the double serves, with what OpenMetadata 1.4 attaches to each: the create-request schema, the
 * query parameters that filter a listing (by FQN prefix), the names `?fields=` accepts (the entity schema's
 * properties) and the fields left out of a response unless `?fields=` asks for them.
 */
import type { RequestSchema } from './schema-validator.js';
import type { EntityType } from './types.js';

export interface EntityKind {
  type: EntityType;
  /** Path under `/api/v1`. */
  collection: string;
  /** Body schema of PUT/POST; absent when the collection is read-only here (users and teams). */
  requestSchema?: RequestSchema;
  /** Listing filters: each names an ancestor FQN; entities below it are listed. */
  listFilters: readonly string[];
  /** Every name `?fields=` accepts. */
  allowedFields: readonly string[];
  /** Fields returned only when requested. */
  fieldsOnRequest: readonly string[];
  /** Requested-only fields computed as references to non-deleted children of the given type. */
  childFields?: Readonly<Record<string, EntityType>>;
  /** DELETE on this collection honours `recursive` (ingestion pipelines ignore it, as in OpenMetadata). */
  recursiveDelete: boolean;
}

const COMMON_ON_REQUEST = ['owner', 'tags', 'followers', 'extension', 'domain', 'dataProducts', 'votes', 'lifeCycle'];

const KINDS: readonly EntityKind[] = [
  {
    type: 'databaseService',
    collection: 'services/databaseServices',
    requestSchema: 'createDatabaseService',
    listFilters: [],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'displayName', 'serviceType', 'description', 'connection', 'pipelines',
      'testConnectionResult', 'tags', 'version', 'updatedAt', 'updatedBy', 'owner', 'href', 'changeDescription',
      'deleted', 'dataProducts', 'domain', 'followers',
    ],
    fieldsOnRequest: [...COMMON_ON_REQUEST, 'pipelines'],
    childFields: { pipelines: 'ingestionPipeline' },
    recursiveDelete: true,
  },
  {
    type: 'database',
    collection: 'databases',
    requestSchema: 'createDatabase',
    listFilters: ['service'],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'displayName', 'description', 'dataProducts', 'tags', 'version', 'updatedAt',
      'updatedBy', 'href', 'owner', 'service', 'serviceType', 'location', 'usageSummary', 'databaseSchemas',
      'changeDescription', 'default', 'deleted', 'retentionPeriod', 'extension', 'sourceUrl', 'domain', 'votes',
      'lifeCycle', 'sourceHash', 'databaseProfilerConfig', 'followers',
    ],
    fieldsOnRequest: [...COMMON_ON_REQUEST, 'databaseSchemas', 'usageSummary', 'databaseProfilerConfig'],
    childFields: { databaseSchemas: 'databaseSchema' },
    recursiveDelete: true,
  },
  {
    type: 'databaseSchema',
    collection: 'databaseSchemas',
    requestSchema: 'createDatabaseSchema',
    listFilters: ['database'],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'displayName', 'description', 'dataProducts', 'version', 'updatedAt',
      'updatedBy', 'href', 'owner', 'service', 'serviceType', 'database', 'tables', 'usageSummary', 'tags',
      'changeDescription', 'deleted', 'retentionPeriod', 'extension', 'sourceUrl', 'domain', 'votes', 'lifeCycle',
      'sourceHash', 'databaseSchemaProfilerConfig', 'followers',
    ],
    fieldsOnRequest: [...COMMON_ON_REQUEST, 'tables', 'usageSummary', 'databaseSchemaProfilerConfig'],
    childFields: { tables: 'table' },
    recursiveDelete: true,
  },
  {
    type: 'table',
    collection: 'tables',
    requestSchema: 'createTable',
    listFilters: ['database', 'databaseSchema'],
    allowedFields: [
      'id', 'name', 'displayName', 'fullyQualifiedName', 'description', 'version', 'updatedAt', 'updatedBy', 'href',
      'tableType', 'columns', 'tableConstraints', 'tablePartition', 'owner', 'databaseSchema', 'database', 'service',
      'serviceType', 'location', 'schemaDefinition', 'tags', 'usageSummary', 'followers', 'joins', 'sampleData',
      'tableProfilerConfig', 'customMetrics', 'profile', 'testSuite', 'dataModel', 'changeDescription', 'deleted',
      'retentionPeriod', 'extension', 'sourceUrl', 'domain', 'dataProducts', 'fileFormat', 'votes', 'lifeCycle',
      'sourceHash',
    ],
    fieldsOnRequest: [
      ...COMMON_ON_REQUEST, 'tableConstraints', 'usageSummary', 'joins', 'schemaDefinition', 'tableProfilerConfig',
      'testSuite', 'customMetrics', 'sampleData', 'profile',
    ],
    recursiveDelete: true,
  },
  {
    type: 'storedProcedure',
    collection: 'storedProcedures',
    requestSchema: 'createStoredProcedure',
    listFilters: ['databaseSchema'],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'displayName', 'description', 'storedProcedureCode', 'version',
      'dataProducts', 'updatedAt', 'updatedBy', 'href', 'changeDescription', 'databaseSchema', 'database', 'service',
      'serviceType', 'deleted', 'owner', 'followers', 'votes', 'code', 'tags', 'extension', 'sourceUrl', 'domain',
      'lifeCycle', 'sourceHash',
    ],
    fieldsOnRequest: COMMON_ON_REQUEST,
    recursiveDelete: true,
  },
  {
    type: 'classification',
    collection: 'classifications',
    requestSchema: 'createClassification',
    listFilters: [],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'displayName', 'description', 'version', 'updatedAt', 'updatedBy', 'href',
      'usageCount', 'termCount', 'changeDescription', 'deleted', 'provider', 'disabled', 'mutuallyExclusive',
    ],
    fieldsOnRequest: ['usageCount', 'termCount'],
    recursiveDelete: true,
  },
  {
    type: 'tag',
    collection: 'tags',
    requestSchema: 'createTag',
    listFilters: ['parent'],
    allowedFields: [
      'id', 'name', 'displayName', 'fullyQualifiedName', 'description', 'style', 'classification', 'parent',
      'children', 'version', 'updatedAt', 'updatedBy', 'href', 'usageCount', 'deprecated', 'deleted',
      'changeDescription', 'provider', 'disabled', 'mutuallyExclusive', 'associatedTags',
    ],
    fieldsOnRequest: ['children', 'usageCount'],
    childFields: { children: 'tag' },
    recursiveDelete: true,
  },
  {
    type: 'ingestionPipeline',
    collection: 'services/ingestionPipelines',
    requestSchema: 'createIngestionPipeline',
    listFilters: ['service'],
    allowedFields: [
      'id', 'name', 'displayName', 'description', 'pipelineType', 'owner', 'fullyQualifiedName', 'sourceConfig',
      'openMetadataServerConnection', 'airflowConfig', 'service', 'pipelineStatuses', 'loggerLevel', 'deployed',
      'enabled', 'href', 'version', 'updatedAt', 'updatedBy', 'changeDescription', 'deleted', 'provider', 'followers',
    ],
    fieldsOnRequest: ['owner', 'followers', 'pipelineStatuses'],
    recursiveDelete: false,
  },
  {
    type: 'user',
    collection: 'users',
    listFilters: [],
    allowedFields: [
      'id', 'name', 'fullyQualifiedName', 'description', 'displayName', 'version', 'updatedAt', 'updatedBy', 'email',
      'href', 'timezone', 'isBot', 'isAdmin', 'teams', 'roles', 'owns', 'follows', 'deleted', 'changeDescription',
      'profile', 'inheritedRoles', 'personas', 'defaultPersona', 'domain',
    ],
    fieldsOnRequest: ['teams', 'roles', 'owns', 'follows', 'profile', 'inheritedRoles', 'personas', 'defaultPersona', 'domain'],
    recursiveDelete: false,
  },
  {
    type: 'team',
    collection: 'teams',
    listFilters: ['parentTeam'],
    allowedFields: [
      'id', 'teamType', 'name', 'email', 'fullyQualifiedName', 'displayName', 'description', 'version', 'updatedAt',
      'updatedBy', 'href', 'profile', 'parents', 'children', 'users', 'childrenCount', 'userCount', 'owns', 'owner',
      'isJoinable', 'changeDescription', 'deleted', 'defaultRoles', 'inheritedRoles', 'policies', 'domain',
    ],
    fieldsOnRequest: ['users', 'owns', 'owner', 'parents', 'children', 'defaultRoles', 'inheritedRoles', 'policies', 'domain'],
    recursiveDelete: true,
  },
];

export function kindOf(type: EntityType): EntityKind {
  const kind = KINDS.find((k) => k.type === type);
  if (!kind) throw new Error(`openmetadata-double: no kind ${type}`);
  return kind;
}

/** The kind whose collection path starts `rest` (the path after `/api/v1/`), longest collection first. */
export function kindForPath(rest: string): { kind: EntityKind; sub: string } | undefined {
  const matches = KINDS.filter((k) => rest === k.collection || rest.startsWith(`${k.collection}/`));
  const kind = matches.sort((a, b) => b.collection.length - a.collection.length)[0];
  return kind ? { kind, sub: rest.slice(kind.collection.length) } : undefined;
}
