import type { DataModelData } from '../dbt/data-model.js';
import type { CreateTestDefinitionData } from '../dbt/dbt-tests.js';
import type { AddLineageData, ClearViewLineageData } from '../lineage/lineage-request.js';
import type { ProfilerTable } from '../profiler/profiler-source.js';
import type { TableColumnTags, TableProfileData, TableSampleData } from '../profiler/table-profile.js';
import type { CreateTestCaseData, CreateTestSuiteData, QualityTable, TestCaseResultData } from '../quality/quality-records.js';
import type { ParsedQuery, TableQuery } from '../usage/usage-records.js';
import type { CreateQueryData, TableJoinsData, UsageRequestData, UsageSnapshotData } from '../usage/usage-records.js';

/**
 * What each record type carries. Entity creations carry OpenMetadata's create request bodies (built and checked in
 * metadata/); the rest are typed here. `tableQuery`, `parsedQuery` and `usageSnapshot` travel between the usage
 * workflow's own steps, and `profilerTable` between the profiler's, and never reach a sink.
 */
export interface RecordPayloads {
  createDatabaseService: object;
  createDatabase: object;
  createDatabaseSchema: object;
  createTable: object;
  createStoredProcedure: object;
  createClassification: object;
  createTag: object;
  createQuery: CreateQueryData;
  createTestDefinition: CreateTestDefinitionData;
  createTestSuite: CreateTestSuiteData;
  createTestCase: CreateTestCaseData;
  deleteEntity: object;
  addLineage: AddLineageData;
  clearViewLineage: ClearViewLineageData;
  usageRequest: UsageRequestData;
  tableJoins: TableJoinsData;
  tableProfile: TableProfileData;
  tableData: TableSampleData;
  columnTags: TableColumnTags;
  dataModel: DataModelData;
  testCaseResult: TestCaseResultData;
  tableQuery: TableQuery;
  parsedQuery: ParsedQuery;
  usageSnapshot: UsageSnapshotData;
  profilerTable: ProfilerTable;
  qualityTable: QualityTable;
}

/** The record types a workflow emits; a file sink writes them as `{"type": ..., "data": ...}` lines. */
export type RecordType = keyof RecordPayloads;

/** A record of one type: `record.type` narrows `record.data`. */
export type RecordOf<T extends RecordType> = {
  type: T;
  data: RecordPayloads[T];
  /** The entity's FQN (or a readable name): what status lines and failures call it. */
  entityName: string;
};

export type OutputRecord = { [T in RecordType]: RecordOf<T> }[RecordType];

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

/** What a step says about the records it handled, besides handing them on. */
export type StepEvent =
  | { kind: 'failure'; failure: Failure }
  | { kind: 'filtered'; name: string; reason: string }
  | { kind: 'warning'; name: string; message: string }
  /** A measure of the step's work worth its own line in the summary (statements parsed, edges confirmed, ...). */
  | { kind: 'fact'; name: string; value: string }
  /** How many records the step will produce in all, once it knows (for progress). */
  | { kind: 'total'; count: number };

export type SourceEvent = { kind: 'record'; record: OutputRecord } | { kind: 'scope'; scope: EntityScope } | StepEvent;

/** What a processor makes of one record: records handed on, and what it counts in its own status. */
export type ProcessorEvent = { kind: 'record'; record: OutputRecord } | StepEvent;
