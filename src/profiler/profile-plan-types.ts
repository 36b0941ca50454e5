import type { MetricColumn } from './metric-sql.js';
import type { ColumnMetric } from './metrics.js';
import type { PartitionSpec, SampleSpec } from './sample-source.js';

/** Everything decided about one table before it is read. */
export interface ProfilePlan {
  fqn: string;
  schema: string;
  table: string;
  /** Every column of the table, in order, with OpenMetadata's dataType. */
  columns: ReadonlyArray<{ name: string; dataType: string }>;
  /** The columns profiled and, for each, the metrics reported (what they need is computed too). */
  metricColumns: ReadonlyArray<MetricColumn & { reported: ReadonlySet<ColumnMetric> }>;
  computeTableMetrics: boolean;
  sample: SampleSpec;
  partition?: PartitionSpec;
  /** Echoed in the tableProfile, as OpenMetadata does. */
  profileSample?: number;
  profileSampleType?: 'PERCENTAGE' | 'ROWS';
  /** Sample rows to send; 0 sends none. */
  sampleDataCount: number;
  /** The columns the sample rows show (all but those excluded from profiling). */
  sampleColumns: readonly string[];
  /** Tag personal data from names and sample values (processPiiSensitive), at this confidence (0–100) or above. */
  pii?: { confidence: number };
  /** The time the whole table may take (OpenMetadata's timeoutSeconds). */
  timeoutSeconds: number;
  sizeInByte?: number;
  /** The planner's row estimate (pg_class.reltuples; 0 or less when never analysed): how a table's passes are run. */
  estimatedRows: number;
}
