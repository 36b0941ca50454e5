import type { PostgresConnectionConfig, TableProfilerSettings, WorkflowConfig } from '../config/types.js';
import type { Logger } from '../util/logger.js';
import { splitFqn } from '../openmetadata/fqn.js';
import { CatalogReader } from '../postgres/catalog-reader.js';
import { PostgresSourceBase } from '../postgres/postgres-source-base.js';
import { SourcePool } from '../postgres/source-pool.js';
import { mapColumnType } from '../postgres/type-map.js';
import type { SourceEvent } from '../workflow/records.js';
import type { Source } from '../workflow/steps.js';
import type { TestCaseConfig } from './test-case-checks.js';

interface TestSuitePipelineConfig {
  type: 'TestSuite';
  entityFullyQualifiedName: string;
  testCases?: string[] | null;
}

const ESTIMATE_SQL = `select c.reltuples::float8 as estimated_rows from pg_catalog.pg_class c where c.oid = $1::oid`;

/**
 * OpenMetadata's TestSuite source: the table entityFullyQualifiedName names (service.database.schema.table), read
 * from the catalog of its database, with the processor's test cases (those the sourceConfig's testCases names, when
 * it names any).
 */
export class TestSuiteSource extends PostgresSourceBase<TestSuitePipelineConfig> implements Source {
  private pool?: SourcePool;

  private readonly testCases: TestCaseConfig[];

  constructor(
    config: WorkflowConfig,
    log: Logger,
    lookUpConnection?: () => Promise<PostgresConnectionConfig>,
    /** With metadata-rest: the table's stored profiler settings, which restrict the rows tested. */
    private readonly storedProfilerConfig?: (tableFqn: string) => Promise<TableProfilerSettings | undefined>,
  ) {
    super(config, log, lookUpConnection);
    this.testCases = (config.processor?.config?.testCases as TestCaseConfig[] | undefined) ?? [];
  }

  get tableParts(): string[] {
    return splitFqn(this.pipeline.entityFullyQualifiedName);
  }

  async prepare(): Promise<void> {
    const parts = this.tableParts;
    if (parts.length !== 4) {
      throw Object.assign(new Error(`entityFullyQualifiedName '${this.pipeline.entityFullyQualifiedName}' is not service.database.schema.table`), {
        exitCode: 2,
      });
    }
    const connection = await this.resolveConnection();
    const type = (connection as { type?: string } | undefined)?.type;
    if (type !== undefined && type.toLowerCase() !== 'postgres') {
      throw Object.assign(new Error(`source.serviceConnection.config.type is ${type}: om-worker runs tests on Postgres tables only`), {
        exitCode: 2,
      });
    }
    this.pool = await SourcePool.open(connection, parts[1] as string, { maxConnections: 2 });
    this.log.info(`Connected to Postgres ${this.pool.plan.describe} (Postgres ${this.pool.version})`);
  }

  /** The session pool of the table's database, for the processor that runs the tests. */
  get tablePool(): SourcePool {
    if (!this.pool) throw new Error('prepare() must run first');
    return this.pool;
  }

  async *events(): AsyncGenerator<SourceEvent> {
    const pool = this.tablePool;
    const [, database, schemaName, tableName] = this.tableParts as [string, string, string, string];
    const fqn = this.pipeline.entityFullyQualifiedName;
    const reader = new CatalogReader(pool);
    const schema = (await reader.schemas()).find((s) => s.name === schemaName);
    const relation = schema ? (await reader.relations([schema.oid])).find((r) => r.name === tableName) : undefined;
    if (!schema || !relation) {
      yield { kind: 'failure', failure: { name: fqn, error: `table ${schemaName}.${tableName} is not in database ${database}` } };
      return;
    }
    const types = await reader.types([schema.oid]);
    const columns = (await reader.columns([relation.oid]))
      .sort((a, b) => a.attnum - b.attnum)
      .map((c) => ({ name: c.name, dataType: mapColumnType(c.typeOid, c.typmod, types).dataType }));
    const [estimate] = await pool.query<{ estimated_rows: number }>(ESTIMATE_SQL, [relation.oid]);
    const all = this.testCases;
    const only = this.pipeline.testCases;
    const testCases = only && only.length > 0 ? all.filter((t) => only.includes(t.name)) : all;
    for (const name of only ?? []) {
      if (!all.some((t) => t.name === name))
        yield { kind: 'warning', name: fqn, message: `testCases names '${name}', which the processor does not define` };
    }
    const storedConfig = await this.storedProfilerConfig?.(fqn);
    const table = {
      fqn,
      database,
      schema: schemaName,
      name: tableName,
      kind: relation.kind,
      columns,
      estimatedRows: Number(estimate?.estimated_rows ?? -1),
      testCases,
      storedConfig,
    };
    yield { kind: 'record', record: { type: 'qualityTable', data: table, entityName: fqn } };
  }

  override async close(): Promise<void> {
    await this.pool?.close().catch(() => undefined);
    await super.close();
  }
}
