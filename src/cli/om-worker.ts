import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, formatIssue } from '../config/config-error.js';
import { loadWorkflowFile, loadWorkflowText, type LoadedWorkflow } from '../config/load-workflow.js';
import { kindOf, unsupportedReason, type WorkflowKind } from '../config/workflow-kind.js';
import { createRestSink } from '../sinks/create-sink.js';
import { FileReplaySource } from '../sinks/file-replay-source.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { outputPathProblem } from '../util/output-path.js';
import { collapsingLogger } from '../util/collapsing-logger.js';
import { createLogger, type LogLevel } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { OMGEN_VERSION } from '../version.js';
import { EXIT } from '../workflow/exit-codes.js';
import { RunContext } from '../workflow/run-context.js';
import { exitCodeOf, registerConfigSecrets, runWorkflow } from '../workflow/run-workflow.js';
import { applyShard, listShards, shardFromHex, shardToHex } from '../workflow/shards.js';
import { renderSummary } from '../workflow/summary-table.js';
import { boundHeapGrowth } from './heap-growth.js';
import { watchSignals } from './signals.js';
import { isAnalysisWorker, serveAnalysis } from '../usage/analysis-worker.js';

interface RunFlags {
  config: string;
  statusJson?: string;
  logLevel?: LogLevel;
  /** Warnings, errors and the summary only: no progress, no INFO lines. */
  quiet?: boolean;
  /** Run one shard: one schema (one database with ingestAllDatabases) of the workflow. */
  shard?: string;
  /** The shard's name as UTF-8 in hex, as a mapped pod receives it (no template reads anything into hex). */
  shardHex?: string;
}

/** The shard a run names, by --shard or --shard-hex; a malformed one is a usage error (exit 2). */
function shardOf(flags: RunFlags): string | undefined {
  if (flags.shardHex === undefined) return flags.shard;
  if (flags.shard !== undefined) fail('--shard and --shard-hex name the same thing: give one', EXIT.invalidConfig);
  const shard = shardFromHex(flags.shardHex);
  if (shard === undefined) fail(`--shard-hex ${flags.shardHex}: not a name in hex (UTF-8, two digits a byte)`, EXIT.invalidConfig);
  return shard;
}

/**
 * OpenMetadata's `metadata` CLI verbs, so scripts port by renaming the binary: each runs the workflow kinds that verb
 * runs there (`ingest`: every Source → Sink workflow), and refuses a config of another kind before anything runs.
 */
const VERBS: ReadonlyArray<{ verb: string; kinds: readonly WorkflowKind[]; types?: readonly string[]; what: string }> = [
  { verb: 'ingest', kinds: ['metadata', 'lineage', 'dbt'], what: 'a metadata, lineage or dbt workflow' },
  { verb: 'usage', kinds: ['usage'], what: 'a usage workflow' },
  { verb: 'lineage', kinds: ['lineage'], what: 'a lineage workflow' },
  { verb: 'profile', kinds: ['profiler'], types: ['Profiler'], what: 'a profiler workflow' },
  { verb: 'classify', kinds: ['profiler'], types: ['AutoClassification'], what: 'an auto-classification workflow' },
  { verb: 'test', kinds: ['testSuite'], what: 'a data quality (TestSuite) workflow' },
];

/** Whether a verb runs this pipeline type (of this kind). */
const verbRuns = (verb: (typeof VERBS)[number], kind: WorkflowKind | undefined, pipelineType: string): boolean =>
  kind !== undefined && verb.kinds.includes(kind) && (!verb.types || verb.types.includes(pipelineType));

/** `-c env:NAME` reads the workflow from an environment variable, base64-encoded (how a Kubernetes pod gets it). */
const ENV_CONFIG = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

function loadConfig(config: string): LoadedWorkflow {
  const fromEnv = ENV_CONFIG.exec(config);
  if (!fromEnv) return loadWorkflowFile(config, process.env, { forRun: true });
  const name = fromEnv[1] as string;
  const encoded = process.env[name];
  if (!encoded) fail(`-c ${config}: environment variable ${name} is not set`, EXIT.invalidConfig);
  return loadWorkflowText(Buffer.from(encoded, 'base64').toString('utf8'), `$${name}`, process.env, { forRun: true });
}

function fail(message: string, code: number): never {
  process.stderr.write(`om-worker: ${redact(message)}\n`);
  process.exit(code);
}

async function run(flags: RunFlags, replayFile?: string, verb?: (typeof VERBS)[number]): Promise<number> {
  try {
    return await runConfig(flags, replayFile, verb);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) process.stderr.write(`${error.file}: ${redact(formatIssue(issue))}\n`);
    return EXIT.invalidConfig;
  }
}

async function runConfig(flags: RunFlags, replayFile?: string, verb?: (typeof VERBS)[number]): Promise<number> {
  const whole = loadConfig(flags.config);
  const shard = shardOf(flags);
  const loaded = shard === undefined ? whole : { ...whole, config: applyShard(whole.config, flags.config, shard) };
  const pipelineType = loaded.config.source.sourceConfig.config.type;
  const kind = kindOf(pipelineType)?.kind;
  if (verb && !verbRuns(verb, kind, pipelineType)) {
    const instead = VERBS.find((other) => verbRuns(other, kind, pipelineType))?.verb ?? 'run';
    fail(
      `${flags.config}: om-worker ${verb.verb} runs ${verb.what}; this is a ${pipelineType} workflow (use om-worker ${instead} or om-worker run)`,
      EXIT.invalidConfig,
    );
  }
  const unsupported = replayFile ? undefined : unsupportedReason(loaded.config.source.sourceConfig.config.type, OMGEN_VERSION);
  if (unsupported) fail(unsupported, EXIT.unsupported);
  // Found now, before Postgres and the server are touched, not after the run did all its work.
  const statusProblem = flags.statusJson ? outputPathProblem(flags.statusJson) : undefined;
  if (statusProblem) fail(`--status-json ${flags.statusJson}: ${statusProblem}`, EXIT.invalidConfig);
  const log = collapsingLogger(createLogger(flags.logLevel ?? (flags.quiet ? 'WARN' : (loaded.config.workflowConfig.loggerLevel ?? 'INFO'))));
  const context = new RunContext(loaded, log);
  const replay = replayFile ? { source: new FileReplaySource(replayFile), sink: createRestSink(context) } : {};
  const signal = watchSignals((name) => log.warn(`${name} received: stopping the run`));
  // On a terminal a live line shows progress; in a log (Airflow's), plain lines now and then.
  const live = process.stderr.isTTY === true && !flags.quiet;
  const result = await runWorkflow(loaded, { log, signal, context, live, ...(flags.quiet ? { progressIntervalMs: 2 ** 31 - 1 } : {}), ...replay });
  log.flush();
  if (result.fatal instanceof ConfigError) throw result.fatal;
  // Nothing ran (Postgres unreachable, wrong password): one clear line, nothing written.
  if (result.fatal && !result.started) fail(result.fatal.message, result.exitCode);
  if (result.fatal) log.error(result.fatal.message);
  process.stdout.write(renderSummary(result.status));
  // A run stopped early wrote no file and left the server as far as it got: the last line says why instead.
  if (!result.fatal) process.stdout.write(`Output: ${redact(result.destination)}\n`);
  if (flags.statusJson) writeFileAtomic(flags.statusJson, redact(JSON.stringify(result.status, null, 2)) + '\n');
  // Work abandoned by the interruption (a query in flight) would keep the process alive.
  if (signal.aborted) process.exit(result.exitCode);
  return result.exitCode;
}

const program = new Command('om-worker')
  .description('Runs OpenMetadata ingestion workflows against PostgreSQL, without Python')
  .version(OMGEN_VERSION, '-V, --version', 'print the version')
  .showHelpAfterError()
  // A wrong command line is a usage error: commander's exit code 1 would read as "failures over the threshold".
  // Set before the subcommands are added, which inherit it.
  .exitOverride((error) => process.exit(error.exitCode === 1 ? EXIT.invalidConfig : error.exitCode));

program
  .command('run')
  .description('run the workflow a config file describes')
  .requiredOption('-c, --config <file>', 'OpenMetadata workflow config (YAML or JSON)')
  .option('--status-json <path>', 'also write the run status (steps, counts, failures) as JSON')
  .option('-q, --quiet', 'warnings, errors and the summary only (no progress, no INFO lines)')
  .option('--shard <name>', 'run one shard: the schema (the database, with ingestAllDatabases) of that name; see list-schemas')
  .option('--shard-hex <hex>', "the same, the name's UTF-8 bytes in hex (as list-schemas --pod-arguments writes them)")
  .addOption(new Option('--log-level <level>', 'override workflowConfig.loggerLevel').choices(['DEBUG', 'INFO', 'WARN', 'ERROR']))
  .addHelpText(
    'after',
    '\nExit codes: 0 success, 1 finished with failures over the threshold, 2 invalid config,\n' +
      '            3 cannot reach Postgres or the server, 4 internal error,\n' +
      '            5 a valid workflow of a kind this version cannot run yet,\n' +
      '            130 / 143 stopped by SIGINT / SIGTERM (nothing half-written; the pipeline reported failed).',
  )
  .action(async (flags: RunFlags) => {
    process.exitCode = await run(flags);
  });

for (const verb of VERBS) {
  program
    .command(verb.verb)
    .description(`run ${verb.what} (as OpenMetadata's \`metadata ${verb.verb}\`)`)
    .requiredOption('-c, --config <file>', 'OpenMetadata workflow config (YAML or JSON)')
    .option('--status-json <path>', 'also write the run status as JSON')
    .option('-q, --quiet', 'warnings, errors and the summary only (no progress, no INFO lines)')
    .addOption(new Option('--log-level <level>', 'override workflowConfig.loggerLevel').choices(['DEBUG', 'INFO', 'WARN', 'ERROR']))
    .action(async (flags: RunFlags) => {
      process.exitCode = await run(flags, undefined, verb);
    });
}

program
  .command('list-schemas')
  .description(
    'print the shards of a metadata or profiler workflow as a JSON list: the schemas its filters keep (the databases, with ingestAllDatabases)',
  )
  .requiredOption('-c, --config <file>', 'OpenMetadata workflow config (YAML or JSON)')
  .option(
    '--pod-arguments <file>',
    "also write, as JSON, each shard's `om-worker run` arguments (the name in hex): the list a mapped KubernetesPodOperator expands over",
  )
  .action(async (flags: { config: string; podArguments?: string }) => {
    try {
      const loaded = loadConfig(flags.config);
      registerConfigSecrets(loaded.config);
      const shards = await listShards(loaded.config, flags.config);
      if (flags.podArguments) {
        const runs = shards.map((shard) => ['run', '-c', flags.config, '--shard-hex', shardToHex(shard)]);
        writeFileAtomic(flags.podArguments, `${JSON.stringify(runs)}\n`);
      }
      process.stdout.write(`${JSON.stringify(shards)}\n`);
    } catch (error) {
      if (error instanceof ConfigError) {
        for (const issue of error.issues) process.stderr.write(`${error.file}: ${redact(formatIssue(issue))}\n`);
        process.exitCode = EXIT.invalidConfig;
        return;
      }
      fail((error as Error).message, exitCodeOf(error));
    }
  });

program
  .command('push')
  .description("replay a file sink's NDJSON into the OpenMetadata server of a workflow config")
  .argument('<file>', 'NDJSON written by a run with sink type file')
  .requiredOption('-c, --config <file>', 'workflow config: its workflowConfig names the server, its source the connection secrets')
  .option('--status-json <path>', 'also write the run status as JSON')
  .addOption(new Option('--log-level <level>', 'override workflowConfig.loggerLevel').choices(['DEBUG', 'INFO', 'WARN', 'ERROR']))
  .action(async (file: string, flags: RunFlags) => {
    if (!existsSync(file)) fail(`cannot read ${file}: no such file`, EXIT.invalidConfig);
    process.exitCode = await run(flags, file);
  });

// The same bundle runs the usage workflow's analysis thread: that thread serves statements, never the command line.
if (isAnalysisWorker()) {
  void serveAnalysis();
} else {
  boundHeapGrowth();
  program.parseAsync().catch((error: unknown) => {
    fail(`internal error: ${(error as Error).stack ?? String(error)}`, exitCodeOf(error));
  });
}
