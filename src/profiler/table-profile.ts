import type { ColumnMetric } from './metrics.js';
import type { Histogram } from './histogram.js';

/** OpenMetadata's tableProfile (1.4 fields). */
export interface TableProfileBody {
  timestamp: number;
  columnCount: number;
  rowCount?: number;
  sizeInByte?: number;
  profileSample?: number;
  profileSampleType?: 'PERCENTAGE' | 'ROWS';
}

/** OpenMetadata's columnProfile: the metrics computed, each left out when it has no finite value. */
export type ColumnProfileBody = { name: string; timestamp: number } & Partial<Record<Exclude<ColumnMetric, 'histogram' | 'min' | 'max'>, number>> & {
    min?: number | string;
    max?: number | string;
    histogram?: Histogram;
  };

/** What the profiler sends for a table (OpenMetadata's CreateTableProfileRequest), with the table as a reference. */
export interface TableProfileData {
  table: { type: 'table'; fullyQualifiedName: string };
  tableProfile: TableProfileBody;
  columnProfile: ColumnProfileBody[];
}

/** A table's sample rows, with the table as a reference. */
export interface TableSampleData {
  table: { type: 'table'; fullyQualifiedName: string };
  sampleData: { columns: string[]; rows: unknown[][] };
}

/** PII tags for a table's columns, with why each was given (the REST sink adds the tags; it never removes one). */
export interface TableColumnTags {
  table: { type: 'table'; fullyQualifiedName: string };
  columns: Array<{
    name: string;
    tags: Array<{ tagFQN: string; source: 'Classification'; labelType: 'Automated'; state: 'Suggested' }>;
    confidence: number;
    reason: string;
  }>;
}
