import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, formatIssue } from '../config/config-error.js';
import { loadWorkflowFile } from '../config/load-workflow.js';
import { isIsoDateTime } from '../config/semantic-checks.js';
import { unsupportedReason } from '../config/workflow-kind.js';
import type { DagOverrides, SecretSource } from '../dag/dag-spec.js';
import { generateDag, writeDag, type GeneratedDag } from '../dag/generate-dag.js';
import { readPipelineFile } from '../dag/pipeline-file.js';
import { parseSecretOption, SecretOptionError } from '../dag/secret-options.js';
import { OMGEN_VERSION } from '../version.js';

const EXIT_INVALID = 2;
const EXIT_UNSUPPORTED = 5;

function printIssues(error: ConfigError): void {
  for (const issue of error.issues) process.stderr.write(`${error.file}: ${formatIssue(issue)}\n`);
}

interface DagFlags {
  out: string;
  worker: string;
  dagId?: string;
  force?: boolean;
  secret?: string[];
  strict?: boolean;
  pipeline?: string;
  schedule?: string;
  startDate?: string;
  retries?: number;
  timeout?: number;
  owner?: string;
  email?: string;
  tag?: string[];
  check?: boolean;
  shardBy?: 'schema';
  operator: 'bash' | 'kubernetes';
  image?: string;
  namespace?: string;
  podConfig: 'env' | 'configmap';
}

function integerOption(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`${name} takes a whole number, not '${value}'`);
  return parsed;
}

const program = new Command('omgen')
  .description('Turns OpenMetadata workflow configs into Airflow DAGs that run om-worker')
  .version(OMGEN_VERSION, '-V, --version', 'print the version')
  .showHelpAfterError()
  // A usage mistake is bad input (2), not commander's default 1.
  .exitOverride((error) => process.exit(error.exitCode === 1 ? EXIT_INVALID : error.exitCode));

program
  .command('validate')
  .description("check workflow files against OpenMetadata's config schema; exit 2 if any has an error")
  .argument('<files...>', 'workflow YAML or JSON files')
  .action((given: string[]) => {
    let invalid = 0;
    // A pipeline file is checked as the workflow files it lists.
    const files: string[] = [];
    for (const file of given) {
      try {
        files.push(...(readPipelineFile(file)?.files ?? [file]));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        invalid++;
        printIssues(error);
      }
    }
    for (const file of files) {
      try {
        // Variables may be set only where om-worker runs: the structure is checked with them left as written.
        const loaded = loadWorkflowFile(file, process.env, { deferMissingVariables: true });
        process.stdout.write(`${file}: OK\n`);
        if (loaded.missingVariables.length > 0) {
          const names = loaded.missingVariables.join(', ');
          process.stdout.write(`${file}: note: not set here, so not checked: ${names} (they must be set where om-worker runs)\n`);
        }
        const unsupported = unsupportedReason(loaded.config.source.sourceConfig.config.type, OMGEN_VERSION);
        if (unsupported) process.stdout.write(`${file}: note: ${unsupported}\n`);
        for (const key of loaded.ignored)
          process.stdout.write(`${file}: note: ${key.path} (line ${key.line}) is accepted but not used (${key.reason})\n`);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        invalid++;
        printIssues(error);
      }
    }
    process.exitCode = invalid > 0 ? EXIT_INVALID : 0;
  });

program
  .command('dag')
  .description('write an Airflow DAG (and its workflow config beside it) for each workflow file')
  .argument('<files...>', 'workflow YAML or JSON files')
  .option('-o, --out <dir>', 'output folder, e.g. your Airflow dags folder', 'dags-out')
  .option('-w, --worker <path>', 'path of the om-worker executable on the Airflow workers', 'om-worker')
  .option('--dag-id <id>', 'DAG id (only with one file); default: the pipeline name or <service>_<workflow>')
  .option('--force', 'write the DAG even for a workflow kind this version of om-worker cannot run yet')
  .option(
    '--secret <VAR=SOURCE>',
    'fill ${VAR} at run time from Airflow: VAR=conn:CONNECTION_ID.FIELD (e.g. password) or VAR=var:VARIABLE_NAME; repeatable',
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .option('--strict', 'refuse a workflow that writes a secret out literally (instead of replacing it with a reference)')
  .option('--pipeline <name>', 'one DAG of all the files, a task each: metadata, then usage and lineage, then profiler, then data quality and dbt')
  .option('--schedule <cron>', "schedule (cron or preset such as @daily; 'none' for manual runs); overrides airflowConfig.scheduleInterval")
  .option('--start-date <date>', 'start date (ISO); overrides airflowConfig.startDate')
  .option('--retries <n>', 'retries; overrides airflowConfig.retries', (value) => integerOption('--retries', value))
  .option('--timeout <seconds>', "the task's execution timeout; overrides airflowConfig.workflowTimeout", (value) =>
    integerOption('--timeout', value),
  )
  .option('--owner <name>', 'DAG owner; overrides airflowConfig.owner')
  .option('--email <addresses>', 'mailed when a run fails; overrides airflowConfig.email')
  .option('--tag <tag>', 'a DAG tag besides OpenMetadata, omgen and the workflow kinds; repeatable', (value: string, previous: string[] = []) => [
    ...previous,
    value,
  ])
  .addOption(
    new Option(
      '--shard-by <unit>',
      'run metadata and profiler workflows as one mapped task per schema (per database with ingestAllDatabases)',
    ).choices(['schema']),
  )
  .addOption(
    new Option('--operator <kind>', 'bash: run om-worker on the Airflow worker; kubernetes: in a pod of --image')
      .choices(['bash', 'kubernetes'])
      .default('bash'),
  )
  .option('--image <ref>', 'the om-worker image the pods run (--operator kubernetes), e.g. registry.example.com/om-worker:0.1.0')
  .addOption(
    new Option('--pod-config <how>', 'how the workflow reaches the pod: env (inline in the DAG) or configmap (a ConfigMap manifest beside the DAG)')
      .choices(['env', 'configmap'])
      .default('env'),
  )
  .option('--namespace <ns>', "the pods' Kubernetes namespace (--operator kubernetes; default: the connection's)")
  .option('--check', 'write nothing; exit 1 when a DAG or workflow copy on disk differs from what would be written (for CI)')
  .addHelpText('after', '\nExit codes: 0 written (or up to date with --check), 1 out of date (--check), 2 invalid workflow file or option.')
  .action((files: string[], flags: DagFlags) => {
    if (flags.operator === 'kubernetes' && !flags.image)
      program.error('--operator kubernetes needs --image (the om-worker image the pods run)', { exitCode: EXIT_INVALID });
    const kubernetes =
      flags.operator === 'kubernetes' && flags.image
        ? { image: flags.image, ...(flags.namespace ? { namespace: flags.namespace } : {}), configMap: flags.podConfig === 'configmap' }
        : undefined;
    if (flags.dagId && files.length > 1 && !flags.pipeline)
      program.error('--dag-id takes a single workflow file (or --pipeline)', { exitCode: EXIT_INVALID });
    let secrets: Map<string, SecretSource>;
    try {
      secrets = new Map((flags.secret ?? []).map(parseSecretOption));
    } catch (error) {
      if (!(error instanceof SecretOptionError)) throw error;
      process.stderr.write(`omgen: ${error.message}\n`);
      process.exitCode = EXIT_INVALID;
      return;
    }
    if (flags.startDate && !isIsoDateTime(flags.startDate)) {
      program.error(`--start-date '${flags.startDate}' is not an ISO date or date-time (e.g. 2024-01-31 or 2024-01-31T06:00:00+00:00)`, {
        exitCode: EXIT_INVALID,
      });
    }
    const overrides: DagOverrides = {
      ...(flags.schedule !== undefined ? { schedule: flags.schedule.toLowerCase() === 'none' ? null : flags.schedule } : {}),
      ...(flags.startDate ? { startDate: flags.startDate } : {}),
      ...(flags.retries !== undefined ? { retries: flags.retries } : {}),
      ...(flags.timeout !== undefined ? { timeoutSeconds: flags.timeout } : {}),
      ...(flags.owner ? { owner: flags.owner } : {}),
      ...(flags.email ? { email: flags.email } : {}),
      ...(flags.tag ? { tags: flags.tag } : {}),
    };
    let invalid = 0;
    let unsupported = 0;
    let outdated = 0;
    // A pipeline file is a pipeline of its own; the other files are one DAG each, or one pipeline with --pipeline.
    const groups: Array<{ files: string[]; pipeline?: string; name: string }> = [];
    const loose: string[] = [];
    for (const file of files) {
      try {
        const described = readPipelineFile(file);
        if (described) groups.push({ files: described.files, pipeline: described.name, name: file });
        else loose.push(file);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        printIssues(error);
        invalid++;
      }
    }
    if (flags.pipeline && loose.length > 0) groups.push({ files: loose, pipeline: flags.pipeline, name: loose.join(', ') });
    else for (const file of loose) groups.push({ files: [file], name: file });
    const optionsFor = (pipeline: string | undefined) => ({
      outDir: flags.out,
      workerPath: flags.worker,
      dagId: flags.dagId,
      pipeline,
      force: flags.force,
      secrets,
      strict: flags.strict,
      overrides,
      check: flags.check,
      planOnly: true,
      shardBy: flags.shardBy,
      kubernetes,
    });
    const failed = (error: unknown) => {
      if (error instanceof SecretOptionError) process.stderr.write(`omgen: ${error.message}\n`);
      else if (error instanceof ConfigError) printIssues(error);
      else throw error;
      invalid++;
    };
    // First every DAG is planned, writing nothing: two files of one command must not write the same DAG (the second
    // would replace the first), and every --secret must be a variable some workflow uses.
    const planned: Array<{ group: (typeof groups)[number]; dag: GeneratedDag }> = [];
    const used = new Set<string>();
    for (const group of groups) {
      try {
        const dag = generateDag(group.files, optionsFor(group.pipeline));
        const earlier = planned.find((p) => p.dag.dagId === dag.dagId);
        if (earlier) {
          process.stderr.write(
            `${group.name}: dag_id ${dag.dagId} is also the DAG of ${earlier.group.name}; give one of them --dag-id, another service name or an ingestionPipelineFQN\n`,
          );
          invalid++;
          continue;
        }
        for (const variable of dag.variables) used.add(variable);
        planned.push({ group, dag });
      } catch (error) {
        failed(error);
      }
    }
    // Only when every workflow was read: a file that failed says nothing of the variables it uses.
    for (const variable of invalid > 0 ? [] : secrets.keys()) {
      if (used.has(variable)) continue;
      process.stderr.write(
        `omgen: --secret ${variable}: no workflow given refers to \${${variable}} (they refer to ${[...used].sort().join(', ') || 'no variable'})\n`,
      );
      invalid++;
    }
    if (invalid > 0) planned.length = 0;
    for (const { group, dag } of planned) {
      try {
        if (!flags.check && !dag.unsupported) writeDag(dag);
        if (dag.unsupported) {
          unsupported++;
          process.stderr.write(`${group.name}: ${dag.unsupported}; no DAG written (--force writes it anyway)\n`);
          continue;
        }
        for (const warning of dag.warnings) process.stderr.write(`omgen: warning: ${warning}\n`);
        if (dag.outdated) {
          outdated += dag.outdated.length > 0 ? 1 : 0;
          for (const file of dag.outdated) process.stdout.write(`${group.name}: ${file} is out of date\n`);
          if (dag.outdated.length === 0) process.stdout.write(`${group.name}: ${dag.dagFile} is up to date\n`);
          continue;
        }
        process.stdout.write(`${group.name}: wrote ${dag.dagFile} (dag_id ${dag.dagId})\n  ${dag.settings}\n`);
      } catch (error) {
        failed(error);
      }
    }
    process.exitCode = invalid > 0 ? EXIT_INVALID : unsupported > 0 ? EXIT_UNSUPPORTED : outdated > 0 ? 1 : 0;
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`omgen: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 4;
});
