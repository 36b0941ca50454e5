import type { GeneratedDatabase } from '../metadata/generate.js';
import { fileSinkYaml, workflowYaml } from '../support/workflow-yaml.js';

/** createTable requests per run: the generated database's 10,000 tables and 500 views. */
export const EXPECTED_TABLES = 10_500;
export const TOKEN = 'bench-rest-token';

export interface Scenario {
  /** Row label. */
  name: string;
  sink: 'file' | 'rest';
  /** `sink.config.concurrency`; undefined: not set (the worker's default). */
  concurrency?: number;
  /** REST: on a reset double (fresh) or on the double the previous run filled (rerun). */
  double?: 'fresh' | 'rerun';
}

export function scenarioYaml(db: GeneratedDatabase, scenario: Scenario, hostPort: string, outFile: string): string {
  const sink =
    scenario.sink === 'file'
      ? fileSinkYaml(outFile)
      : `sink:\n  type: metadata-rest\n  config: {${scenario.concurrency === undefined ? '' : ` concurrency: ${scenario.concurrency} `}}\n`;
  return workflowYaml({ comment: `# Written by bench/rest/run.ts (${scenario.name})`, databaseUrl: db.url, sink, hostPort, jwtToken: TOKEN });
}
