import { ConfigError } from '../config/config-error.js';
import type { LoadedWorkflow } from '../config/load-workflow.js';
import { secretEntries } from '../config/secrets.js';
import type { WorkflowConfig } from '../config/types.js';
import { kindOf, unsupportedReason, type WorkflowKind } from '../config/workflow-kind.js';
import { OMGEN_VERSION } from '../version.js';
import { DbtSource } from '../dbt/dbt-source.js';
import { PostgresLineageSource } from '../lineage/lineage-source.js';
import { MetadataSource } from '../metadata/metadata-source.js';
import { createRestSink, createSink } from '../sinks/create-sink.js';
import { FileSink } from '../sinks/file-sink.js';
import { UsageBulkSink } from '../sinks/metadata-usage-bulk-sink.js';
import type { TableProfilerSettings } from '../config/types.js';
import { asProfilerWorkflow } from '../profiler/auto-classification.js';
import { ProfilerProcessor } from '../profiler/profiler-processor.js';
import { TestRunnerProcessor } from '../quality/test-runner-processor.js';
import { TestSuiteSource } from '../quality/test-suite-source.js';
import { ProfilerSource } from '../profiler/profiler-source.js';
import { serverTablesOf } from '../profiler/server-tables.js';
import { QueryParserProcessor } from '../usage/query-parser-processor.js';
import { TableUsageStage } from '../usage/table-usage-stage.js';
import { PostgresUsageSource, stageFolderOf } from '../usage/usage-source.js';
import { usageStatePath } from '../usage/usage-state.js';
import type { Logger } from '../util/logger.js';
import { registerSecret } from '../util/redact.js';
import { PipelineStatusReporter } from '../openmetadata/pipeline-status.js';
import { storedServiceConnection } from '../openmetadata/stored-service-connection.js';
import { EXIT } from './exit-codes.js';
import { RunContext } from './run-context.js';
import { rejectOnAbort } from './interrupted.js';
import { StepStatus } from './step-status.js';
import { pump } from './pump.js';
import { startProgress } from './progress.js';
import type { Processor, Sink, Source } from './steps.js';
import { WorkflowStatus } from './workflow-status.js';

export interface RunOptions {
  log: Logger;
  /** Replaces the source the config names (`om-worker push` replays a file instead of reading Postgres). */
  source?: Source;
  /** Replaces the sink the config names. */
  sink?: Sink;
  /** The run's shared parts (the OpenMetadata client); made for the run when not given. */
  context?: RunContext;
  /** How often a progress line is logged while the run goes on. */
  progressIntervalMs?: number;
  /** A terminal watches: one progress line rewritten in place instead of log lines now and then. */
  live?: boolean;
  /**
   * Aborted when the run must stop now (a signal): whatever step is running is left behind, the sink leaves nothing
   * half-written, the pipeline is reported failed, and the reason's exit code is the run's.
   */
  signal?: AbortSignal;
}

export interface RunResult {
  status: WorkflowStatus;
  exitCode: number;
  /** The error that stopped the run early, if one did. */
  fatal?: Error;
  /** Whether the source got connected: before that, a fatal error means nothing was read or written. */
  started: boolean;
  /** Where the sink put the records (a file's path; a server's URL and the service). */
  destination: string;
}

/** A valid workflow of a kind this version does not carry out: exit 5, never "invalid config". */
export class UnsupportedWorkflowError extends Error {
  override name = 'UnsupportedWorkflowError';
  readonly exitCode = EXIT.unsupported;
}

/** Errors that know their exit code (config 2, unreachable 3) carry it; anything else is internal. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' ? code : EXIT.internal;
}

/** Every secret the config holds, registered before anything is logged. */
export function registerConfigSecrets(config: WorkflowConfig): void {
  const user = config.source.serviceConnection?.config?.username;
  for (const { value } of secretEntries(config)) registerSecret(value, { user });
}

/** The steps a workflow kind brings: its source, its processors, and its own last step when the config's sink is not it. */
export interface StepChain {
  source: Source;
  processors: Processor[];
  sink?: Sink;
}

/** The connection stored on the server, for configs that leave serviceConnection out. */
const storedConnectionLookUp = ({ loaded, log, server }: RunContext) =>
  loaded.config.source.serviceConnection ? undefined : () => storedServiceConnection(loaded, log, server);

/** How each workflow kind this version runs builds its steps; run-workflow itself knows no kind. */
const STEP_CHAINS: Partial<Record<WorkflowKind, (context: RunContext) => StepChain>> = {
  metadata: (context) => ({
    source: new MetadataSource(context.loaded.config, context.loaded.asWritten, context.log, storedConnectionLookUp(context)),
    processors: [],
  }),
  lineage: (context) => ({ source: new PostgresLineageSource(context.loaded.config, context.log, storedConnectionLookUp(context)), processors: [] }),
  profiler: (context) => {
    // Profiler and AutoClassification workflows alike: the status keeps the workflow's own pipeline type.
    const config = asProfilerWorkflow(context.loaded.config);
    const fromServer = config.sink?.type === 'metadata-rest' ? serverTablesOf(() => context.server.client()) : undefined;
    const source = new ProfilerSource(config, context.log, storedConnectionLookUp(context), fromServer);
    return { source, processors: [new ProfilerProcessor(config, (database, n) => source.openPool(database, n), context.log)] };
  },
  testSuite: (context) => {
    const { config } = context.loaded;
    const stored =
      config.sink?.type === 'metadata-rest'
        ? async (fqn: string) =>
            (await (await context.server.client()).getByName('tables', fqn, 'tableProfilerConfig'))?.tableProfilerConfig as
              TableProfilerSettings | undefined
        : undefined;
    const source = new TestSuiteSource(config, context.log, storedConnectionLookUp(context), stored);
    return { source, processors: [new TestRunnerProcessor(config, () => source.tablePool, context.log)] };
  },
  dbt: (context) => ({ source: new DbtSource(context.loaded.config, context.log), processors: [] }),
  usage: (context) => {
    const { loaded, log } = context;
    const { config } = loaded;
    const folder = stageFolderOf(config);
    const sinkFile = config.sink?.type === 'file' ? String(config.sink.config?.filename) : undefined;
    return {
      source: new PostgresUsageSource(config, log, storedConnectionLookUp(context)),
      processors: [new QueryParserProcessor()],
      sink: new UsageBulkSink({
        service: config.source.serviceName,
        stage: new TableUsageStage(folder, config.source.serviceName),
        // OpenMetadata's metadata-usage bulk sink writes to the server; a `sink` of type file takes its records instead.
        output: sinkFile ? new FileSink(sinkFile) : createRestSink(context),
        statePath: usageStatePath(folder),
        log,
      }),
    };
  },
};

function createChain(context: RunContext): StepChain {
  const { config, file } = context.loaded;
  const pipelineType = config.source.sourceConfig.config.type;
  const unsupported = unsupportedReason(pipelineType, OMGEN_VERSION);
  if (unsupported) throw new UnsupportedWorkflowError(unsupported);
  const kind = kindOf(pipelineType)?.kind;
  const create = kind ? STEP_CHAINS[kind] : undefined;
  if (!create) throw new ConfigError(file, [{ path: 'source.sourceConfig.config.type', message: `no source for the ${pipelineType} workflow` }]);
  return create(context);
}

/**
 * With `ingestionPipelineFQN`, the run's state goes to that pipeline on the server. The server being unable to take
 * it is worth a warning, not a failed run: the ingestion itself does not depend on it.
 */
async function startReporting({ loaded, log, server }: RunContext): Promise<PipelineStatusReporter | undefined> {
  const { config } = loaded;
  if (!config.ingestionPipelineFQN) return undefined;
  try {
    // A file-sink run may reach no server at all (an extract inside a locked-down network): then it only warns.
    const client = await server.client();
    const asWritten = loaded.asWritten.source?.sourceConfig?.config;
    const reporter = new PipelineStatusReporter(client, config, config.ingestionPipelineFQN, asWritten);
    if (await reporter.start()) log.info(`Reporting run ${reporter.runId} to ingestion pipeline ${config.ingestionPipelineFQN}`);
    else
      log.info(
        `Service ${config.source.serviceName} does not exist yet: run ${reporter.runId} will be reported to ${config.ingestionPipelineFQN} when it ends`,
      );
    return reporter;
  } catch (error) {
    log.warn(`cannot report to ingestion pipeline ${config.ingestionPipelineFQN}: ${(error as Error).message}`);
    return undefined;
  }
}

async function finishReporting(reporter: PipelineStatusReporter | undefined, status: WorkflowStatus, log: Logger): Promise<void> {
  if (!reporter) return;
  try {
    await reporter.finish(status);
  } catch (error) {
    log.warn(`cannot report the final state to the ingestion pipeline: ${(error as Error).message}`);
  }
}

/** Source → Sink, counting everything in a WorkflowStatus; failures are records of the status, never exceptions. */
export async function runWorkflow(loaded: LoadedWorkflow, options: RunOptions): Promise<RunResult> {
  const { config } = loaded;
  const { log } = options;
  registerConfigSecrets(config);
  for (const key of loaded.ignored) {
    // A default value asks for nothing om-worker leaves undone; a value set otherwise does.
    if (key.atDefault) log.info(`${key.path} (line ${key.line}): accepted, at its default, and not used by om-worker (${key.reason})`);
    else log.warn(`${key.path} (line ${key.line}): set, but not used by om-worker (${key.reason})`);
  }

  const context = options.context ?? new RunContext(loaded, log);
  try {
    return await runSteps(context, options);
  } finally {
    context.close();
  }
}

async function runSteps(context: RunContext, options: RunOptions): Promise<RunResult> {
  const { loaded, log } = context;
  const { config } = loaded;
  const chain: StepChain = options.source ? { source: options.source, processors: [] } : createChain(context);
  const { source, processors } = chain;
  const sink: Sink = options.sink ?? chain.sink ?? createSink(context);
  const sourceStatus = new StepStatus(source.stepName);
  const later = [...processors.map((processor) => processor.status), ...(sink.statuses ?? [sink.status])];
  const status = new WorkflowStatus(sourceStatus, later, config.workflowConfig.successThreshold);

  const progress = startProgress(status, { live: options.live === true, intervalMs: options.progressIntervalMs ?? 60_000, log });

  let started = false;
  let reporter: PipelineStatusReporter | undefined;
  const work = async () => {
    await sink.prepare();
    reporter = await startReporting(context);
    await source.prepare();
    for (const processor of processors) await processor.prepare?.();
    started = true;
    await pump(source, processors, sink, sourceStatus, log);
    await sink.finish();
  };
  // On a signal the work is abandoned where it stands (a catalog query may run for minutes): the process exits. Both
  // promises are marked handled, so whichever settles second cannot surface as an unhandled rejection.
  const running = work();
  const stopped = rejectOnAbort(options.signal);
  running.catch(() => undefined);
  stopped.catch(() => undefined);
  try {
    await Promise.race([running, stopped]);
  } catch (error) {
    await sink.abort();
    status.fatalError = (error as Error).message;
    status.finishedAt = new Date();
    await finishReporting(reporter, status, log);
    return { status, exitCode: exitCodeOf(error), fatal: error as Error, started, destination: sink.destination() };
  } finally {
    progress.stop();
    status.finishedAt ??= new Date();
    // Closing waits for queries in flight; an interrupted run does not wait for them.
    if (options.signal?.aborted) void source.close().catch(() => undefined);
    else await source.close();
  }
  await finishReporting(reporter, status, log);

  const failed = status.state === 'failed' && config.workflowConfig.raiseOnError !== false;
  return { status, exitCode: failed ? EXIT.failuresOverThreshold : EXIT.success, started, destination: sink.destination() };
}
