/** The record types a workflow emits; a file sink writes them as `{"type": ..., "data": ...}` lines. */
export type RecordType =
  | 'createDatabaseService'
  | 'createDatabase'
  | 'createDatabaseSchema'
  | 'createTable'
  | 'createStoredProcedure'
  | 'createClassification'
  | 'createTag'
  | 'createQuery'
  | 'createTestSuite'
  | 'createTestCase'
  | 'deleteEntity'
  | 'addLineage'
  | 'usageRequest'
  | 'tableProfile'
  | 'tableData'
  | 'dataModel'
  | 'testCaseResult';

export interface OutputRecord {
  type: RecordType;
  data: object;
  /** The entity's FQN (or a readable name): what status lines and failures call it. */
  entityName: string;
}

/** A record that could not be produced or delivered: counted and reported, never fatal to the run. */
export interface Failure {
  name: string;
  error: string;
  stackTrace?: string;
}

/**
 * Everything the source holds under one parent (a schema's tables, say), filtered-out ones included: what a sink
 * that marks deletions may compare the server against. Anything not listed is gone from the source.
 */
export interface EntityScope {
  entityType: 'database' | 'databaseSchema' | 'table' | 'storedProcedure';
  parentFqn: string;
  present: string[];
}

export type SourceEvent =
  | { kind: 'record'; record: OutputRecord }
  | { kind: 'failure'; failure: Failure }
  | { kind: 'filtered'; name: string; reason: string }
  | { kind: 'warning'; name: string; message: string }
  | { kind: 'scope'; scope: EntityScope }
  /** A measure of the step's work worth its own line in the summary (statements parsed, edges confirmed, ...). */
  | { kind: 'fact'; name: string; value: string };
