import { ConfigError } from '../config/config-error.js';
import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { WorkflowConfig } from '../config/types.js';
import { kindOf } from '../config/workflow-kind.js';
import { MetadataSource } from '../metadata/metadata-source.js';
import { createSink } from '../sinks/create-sink.js';
import type { Logger } from '../util/logger.js';
import { registerSecret } from '../util/redact.js';
import { EXIT } from './exit-codes.js';
import { StepStatus } from './step-status.js';
import { SinkUnavailableError, type Sink, type Source } from './steps.js';
import { WorkflowStatus } from './workflow-status.js';

export interface RunOptions {
  log: Logger;
  /** How often a progress line is logged while the run goes on. */
  progressIntervalMs?: number;
}

export interface RunResult {
  status: WorkflowStatus;
  exitCode: number;
  /** The error that stopped the run early, if one did. */
  fatal?: Error;
  /** Whether the source got connected: before that, a fatal error means nothing was read or written. */
  started: boolean;
}

/** Errors that know their exit code (config 2, unreachable 3) carry it; anything else is internal. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' ? code : EXIT.internal;
}

/** Every secret the config holds, registered before anything is logged. */
export function registerConfigSecrets(config: WorkflowConfig): void {
  const connection = config.source.serviceConnection?.config;
  registerSecret(connection?.password);
  registerSecret(connection?.authType?.password);
  registerSecret(config.workflowConfig.openMetadataServerConfig.securityConfig?.jwtToken);
}

function createSource(loaded: LoadedWorkflow, log: Logger): Source {
  const { config, file } = loaded;
  const pipelineType = config.source.sourceConfig.config.type;
  if (kindOf(pipelineType)?.kind !== 'metadata') {
    throw new ConfigError(file, [
      { path: 'source.sourceConfig.config.type', message: `the ${pipelineType} workflow is not available in this version of om-worker` },
    ]);
  }
  if (!config.source.serviceConnection) {
    throw new ConfigError(file, [
      { path: 'source.serviceConnection', message: 'missing: om-worker needs the Postgres connection in the workflow file' },
    ]);
  }
  return new MetadataSource(config, loaded.asWritten, log);
}

/** Source → Sink, counting everything in a WorkflowStatus; failures are records of the status, never exceptions. */
export async function runWorkflow(loaded: LoadedWorkflow, options: RunOptions): Promise<RunResult> {
  const { config } = loaded;
  const { log } = options;
  registerConfigSecrets(config);
  for (const key of loaded.ignored) log.warn(`${key.path} (line ${key.line}): accepted but not used by om-worker (${key.reason})`);

  const source = createSource(loaded, log);
  const sink: Sink = createSink(loaded.file, config.sink);
  const sourceStatus = new StepStatus(source.stepName);
  const sinkStatus = new StepStatus(sink.stepName);
  const status = new WorkflowStatus(sourceStatus, [sinkStatus], config.workflowConfig.successThreshold);

  const progress = setInterval(() => {
    for (const step of status.steps) {
      log.info(`${step.name}: Processed ${step.records} records, filtered ${step.filtered.length} records, found ${step.failures.length} errors`);
    }
  }, options.progressIntervalMs ?? 60_000);
  progress.unref();

  let started = false;
  try {
    await source.prepare();
    started = true;
    for await (const event of source.events()) {
      switch (event.kind) {
        case 'record':
          sourceStatus.records++;
          try {
            await sink.write(event.record);
            sinkStatus.records++;
          } catch (error) {
            if (error instanceof SinkUnavailableError) throw error;
            sinkStatus.failures.push({ name: event.record.entityName, error: (error as Error).message });
          }
          break;
        case 'failure':
          sourceStatus.failures.push(event.failure);
          log.warn(`${event.failure.name}: ${event.failure.error}`);
          break;
        case 'filtered':
          sourceStatus.filtered.push({ name: event.name, reason: event.reason });
          log.debug(`${event.reason}: ${event.name}`);
          break;
        case 'warning':
          sourceStatus.warnings.push({ name: event.name, message: event.message });
          log.warn(`${event.name}: ${event.message}`);
          break;
      }
    }
    await sink.finish();
  } catch (error) {
    await sink.abort();
    status.fatalError = (error as Error).message;
    return { status, exitCode: exitCodeOf(error), fatal: error as Error, started };
  } finally {
    clearInterval(progress);
    status.finishedAt = new Date();
    await source.close();
  }

  const failed = status.state === 'failed' && config.workflowConfig.raiseOnError !== false;
  return { status, exitCode: failed ? EXIT.failuresOverThreshold : EXIT.success, started };
}
