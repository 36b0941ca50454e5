import { Command } from 'commander';
import { ConfigError, formatIssue } from '../config/config-error.js';
import { loadWorkflowFile } from '../config/load-workflow.js';
import { unsupportedReason } from '../config/workflow-kind.js';
import type { SecretSource } from '../dag/dag-spec.js';
import { generateDag } from '../dag/generate-dag.js';
import { parseSecretOption, SecretOptionError } from '../dag/secret-options.js';
import { OMGEN_VERSION } from '../version.js';

const EXIT_INVALID = 2;
const EXIT_UNSUPPORTED = 5;

function printIssues(error: ConfigError): void {
  for (const issue of error.issues) process.stderr.write(`${error.file}: ${formatIssue(issue)}\n`);
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
  .action((files: string[]) => {
    let invalid = 0;
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
  .addHelpText('after', '\nExit codes: 0 written, 2 invalid workflow file, 5 a workflow kind this version cannot run (without --force).')
  .action((files: string[], flags: { out: string; worker: string; dagId?: string; force?: boolean; secret?: string[]; strict?: boolean }) => {
    if (flags.dagId && files.length > 1) program.error('--dag-id takes a single workflow file', { exitCode: EXIT_INVALID });
    let secrets: Map<string, SecretSource>;
    try {
      secrets = new Map((flags.secret ?? []).map(parseSecretOption));
    } catch (error) {
      if (!(error instanceof SecretOptionError)) throw error;
      process.stderr.write(`omgen: ${error.message}\n`);
      process.exitCode = EXIT_INVALID;
      return;
    }
    let invalid = 0;
    let unsupported = 0;
    for (const file of files) {
      try {
        const dag = generateDag(file, {
          outDir: flags.out,
          workerPath: flags.worker,
          dagId: flags.dagId,
          force: flags.force,
          secrets,
          strict: flags.strict,
        });
        if (dag.unsupported) {
          unsupported++;
          process.stderr.write(`${file}: ${dag.unsupported}; no DAG written (--force writes it anyway)\n`);
          continue;
        }
        for (const warning of dag.warnings) process.stderr.write(`omgen: warning: ${warning}\n`);
        process.stdout.write(`${file}: wrote ${dag.dagFile} (dag_id ${dag.dagId})\n  ${dag.settings}\n`);
      } catch (error) {
        if (error instanceof SecretOptionError) process.stderr.write(`omgen: ${error.message}\n`);
        else if (error instanceof ConfigError) printIssues(error);
        else throw error;
        invalid++;
      }
    }
    process.exitCode = invalid > 0 ? EXIT_INVALID : unsupported > 0 ? EXIT_UNSUPPORTED : 0;
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`omgen: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 4;
});
