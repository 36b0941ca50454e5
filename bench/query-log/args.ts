import path from 'node:path';
import { DEFAULT_WORKER } from '../support/paths.js';
import { DEFAULT_SEED, DEFAULT_STATEMENTS } from './generate.js';

export const COMMAND = 'npx tsx bench/query-log/run.ts';

export interface Args {
  statements: number;
  seed: number;
  runs: number;
  /** Highest machine-wide CPU use (0..1) at which a measured run may start; 1 disables the wait. */
  maxBusy: number;
  write: boolean;
  worker: string;
  cpuProf: boolean;
}

const USAGE = `${COMMAND} [--statements N] [--runs N] [--seed S] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof]`;

export function parseArgs(argv: string[]): Args {
  const args: Args = {
    statements: DEFAULT_STATEMENTS,
    seed: DEFAULT_SEED,
    runs: 3,
    maxBusy: 0.15,
    write: true,
    worker: DEFAULT_WORKER,
    cpuProf: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--statements') args.statements = Math.max(1, Math.round(Number(argv[++i])));
    else if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--max-busy') args.maxBusy = Number(argv[++i]);
    else if (a === '--no-write') args.write = false;
    else if (a === '--worker') args.worker = path.resolve(argv[++i]);
    else if (a === '--cpu-prof') args.cpuProf = true;
    else throw new Error(`unknown argument ${a} (usage: ${USAGE})`);
  }
  if (!Number.isFinite(args.statements)) throw new Error('--statements takes a number');
  return args;
}
