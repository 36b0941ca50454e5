/**
 * The request bodies omgen sends, as OpenMetadata's API schemas (api/data/create*.json, entity/data/table.json)
 * define them. Parents are referenced by FQN, as the create APIs take them.
 */

/** In a file, where the server would need an id, a reference by type and FQN (resolved on push). */
export interface EntityRef {
  type: string;
  fullyQualifiedName: string;
}

export interface TagLabel {
  tagFQN: string;
  source: 'Classification' | 'Glossary';
  labelType: 'Manual' | 'Propagated' | 'Automated' | 'Derived';
  state: 'Suggested' | 'Confirmed';
}

export interface CreateDatabaseService {
  name: string;
  serviceType: 'Postgres';
  description?: string;
  connection?: { config: Record<string, unknown> };
}

export interface CreateDatabase {
  name: string;
  service: string;
  description?: string;
  tags?: TagLabel[];
}

export interface CreateDatabaseSchema {
  name: string;
  database: string;
  description?: string;
  tags?: TagLabel[];
}

export type ColumnConstraint = 'NULL' | 'NOT_NULL' | 'UNIQUE' | 'PRIMARY_KEY';

export interface Column {
  name: string;
  displayName?: string;
  dataType: string;
  arrayDataType?: string;
  dataLength?: number;
  precision?: number;
  scale?: number;
  dataTypeDisplay?: string;
  description?: string;
  constraint?: ColumnConstraint;
  ordinalPosition?: number;
  children?: Column[];
  tags?: TagLabel[];
}

export interface TableConstraint {
  constraintType: 'UNIQUE' | 'PRIMARY_KEY' | 'FOREIGN_KEY';
  columns: string[];
  referredColumns?: string[];
}

export interface TablePartition {
  columns: Array<{
    columnName: string;
    intervalType: 'TIME-UNIT' | 'INTEGER-RANGE' | 'INGESTION-TIME' | 'COLUMN-VALUE' | 'INJECTED' | 'ENUM' | 'OTHER';
    interval?: string;
  }>;
}

export type TableType =
  'Regular' | 'External' | 'View' | 'SecureView' | 'MaterializedView' | 'Iceberg' | 'Local' | 'Partitioned' | 'Foreign' | 'Transient' | 'Dynamic';

export interface CreateTable {
  name: string;
  displayName?: string;
  description?: string;
  tableType: TableType;
  columns: Column[];
  tableConstraints?: TableConstraint[];
  tablePartition?: TablePartition;
  schemaDefinition?: string;
  databaseSchema: string;
  owner?: EntityRef;
  tags?: TagLabel[];
}

export interface CreateStoredProcedure {
  name: string;
  displayName?: string;
  description?: string;
  storedProcedureCode: { language: 'SQL' | 'Java' | 'JavaScript' | 'Python' | 'External'; code: string };
  databaseSchema: string;
  owner?: EntityRef;
}

export interface CreateClassification {
  name: string;
  description: string;
}

export interface CreateTag {
  name: string;
  classification: string;
  description: string;
}
