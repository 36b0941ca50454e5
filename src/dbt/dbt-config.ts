import type { FilterPattern } from '../config/types.js';

/** The DBT sourceConfig (dbtPipeline.json), with its defaults applied by the schema. */
export interface DbtPipelineConfig {
  type: 'DBT';
  dbtConfigSource: Record<string, unknown> & { dbtConfigType: string };
  dbtUpdateDescriptions?: boolean;
  dbtUpdateOwners?: boolean;
  includeTags?: boolean;
  dbtClassificationName?: string;
  parsingTimeoutLimit?: number;
  databaseFilterPattern?: FilterPattern;
  schemaFilterPattern?: FilterPattern;
  tableFilterPattern?: FilterPattern;
  tagFilterPattern?: FilterPattern;
}
