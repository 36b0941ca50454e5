/** The node kinds that name a relation in the database: what becomes a data model on a table. */
export type RelationResourceType = 'model' | 'seed' | 'snapshot' | 'source';

export interface DbtColumn {
  name: string;
  description: string;
  dataType?: string;
  tags: string[];
  meta: Record<string, unknown>;
}

/** A manifest node or source that names a relation, in the form every manifest version is read into. */
export interface DbtRelationNode {
  uniqueId: string;
  resourceType: RelationResourceType;
  packageName: string;
  /** The dbt name (`ref('name')`); the relation's own name is `relationName`. */
  name: string;
  database: string;
  schema: string;
  /** The relation in the database: a model's alias, a source's identifier, else the name. */
  relationName: string;
  description: string;
  columns: DbtColumn[];
  tags: string[];
  meta: Record<string, unknown>;
  materialized?: string;
  rawSql?: string;
  compiledSql?: string;
  /** The file that defines the node, relative to its project (`models/marts/orders.sql`). */
  path?: string;
  /** Upstream unique ids (depends_on.nodes), in manifest order. */
  dependsOn: string[];
}

/** A data test node: generic (test_metadata) or singular (a SQL file). */
export interface DbtTestNode {
  uniqueId: string;
  name: string;
  packageName: string;
  /** The generic test's name (`unique`, `accepted_values`, ...) or undefined for a singular test. */
  testName?: string;
  namespace?: string;
  kwargs: Record<string, unknown>;
  columnName?: string;
  description: string;
  /** The relation nodes the test reads, the tested one first when the manifest says which (attached_node). */
  dependsOn: string[];
  attachedNode?: string;
  severity?: string;
  compiledSql?: string;
  path?: string;
  tags: string[];
}

/** A manifest read into omgen's terms: relations and tests, and what was passed over and why. */
export interface DbtManifest {
  version: number;
  dbtVersion?: string;
  projectName?: string;
  invocationId?: string;
  generatedAt?: string;
  relations: DbtRelationNode[];
  tests: DbtTestNode[];
  /** Ephemeral models' own upstreams: a model that selects from one reads what it reads (dbt inlines it as a CTE). */
  ephemeralParents: Map<string, string[]>;
  /** Nodes read but not ingested, by reason (`ephemeral model`, `analysis`, ...): counted, not failed. */
  passedOver: Map<string, string[]>;
}
