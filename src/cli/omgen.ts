// TEMPORARY placeholder entry (created by the build-script task so `npm run build` has something to bundle).
// Replace with the real commander wiring of omgen.
import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };

const program = new Command('omgen')
  .description('Airflow DAG generator for OpenMetadata Postgres ingestion (placeholder)')
  .version(pkg.version, '-V, --version', 'print the version');

program.parse();
