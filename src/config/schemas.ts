import dbtPipeline from '../../schemas/dbtPipeline.json' with { type: 'json' };
import metadataPipeline from '../../schemas/databaseServiceMetadataPipeline.json' with { type: 'json' };
import profilerPipeline from '../../schemas/databaseServiceProfilerPipeline.json' with { type: 'json' };
import autoClassificationPipeline from '../../schemas/databaseServiceAutoClassificationPipeline.json' with { type: 'json' };
import profilerProcessor from '../../schemas/profilerProcessorConfig.json' with { type: 'json' };
import lineagePipeline from '../../schemas/databaseServiceQueryLineagePipeline.json' with { type: 'json' };
import usagePipeline from '../../schemas/databaseServiceQueryUsagePipeline.json' with { type: 'json' };
import filterPattern from '../../schemas/filterPattern.json' with { type: 'json' };
import openMetadataConnection from '../../schemas/openMetadataConnection.json' with { type: 'json' };
import postgresConnection from '../../schemas/postgresConnection.json' with { type: 'json' };
import testSuitePipeline from '../../schemas/testSuitePipeline.json' with { type: 'json' };
import testSuiteProcessor from '../../schemas/testSuiteProcessorConfig.json' with { type: 'json' };
import workflow from '../../schemas/workflow.json' with { type: 'json' };

/** Imported rather than read from disk so the one-file worker carries them inside. */
export const CONFIG_SCHEMAS: ReadonlyArray<object> = [
  filterPattern,
  openMetadataConnection,
  postgresConnection,
  metadataPipeline,
  usagePipeline,
  lineagePipeline,
  profilerPipeline,
  autoClassificationPipeline,
  profilerProcessor,
  testSuitePipeline,
  testSuiteProcessor,
  dbtPipeline,
  workflow,
];

export const WORKFLOW_SCHEMA_ID = (workflow as { $id: string }).$id;
