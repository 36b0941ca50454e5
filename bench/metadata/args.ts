import path from 'node:path';
import { DEFAULT_WORKER } from '../support/paths.js';

export const COMMAND = 'npx tsx bench/metadata/run.ts';

export interface Args {
  runs: number;
  /** Highest machine-wide CPU use (0..1) at which a measured pair may start; 1 disables the wait. */
  maxBusy: number;
  write: boolean;
  worker: string;
  cpuProf: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 3, maxBusy: 0.15, write: true, worker: DEFAULT_WORKER, cpuProf: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--no-write') args.write = false;
    else if (a === '--max-busy') args.maxBusy = Number(argv[++i]);
    else if (a === '--worker') args.worker = path.resolve(argv[++i]);
    else if (a === '--cpu-prof') args.cpuProf = true;
    else throw new Error(`unknown argument ${a} (usage: ${COMMAND} [--runs N] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof])`);
  }
  return args;
}
