import path from 'node:path';
import { DEFAULT_WORKER } from '../support/paths.js';

export const COMMAND = 'npx tsx bench/rest/run.ts';

export interface Args {
  runs: number;
  latencyMs: number;
  concurrency: number[];
  maxBusy: number;
  write: boolean;
  worker: string;
  cpuProf: boolean;
}

const USAGE = `${COMMAND} [--runs N] [--latency MS] [--concurrency 4,8,16] [--max-busy 0..1] [--no-write] [--worker PATH] [--cpu-prof]`;

export function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 5, latencyMs: 2, concurrency: [4, 8, 16], maxBusy: 0.15, write: true, worker: DEFAULT_WORKER, cpuProf: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--latency') args.latencyMs = Math.max(0, Number(argv[++i]));
    else if (a === '--concurrency') args.concurrency = argv[++i].split(',').filter(Boolean).map(Number);
    else if (a === '--max-busy') args.maxBusy = Number(argv[++i]);
    else if (a === '--no-write') args.write = false;
    else if (a === '--worker') args.worker = path.resolve(argv[++i]);
    else if (a === '--cpu-prof') args.cpuProf = true;
    else throw new Error(`unknown argument ${a} (usage: ${USAGE})`);
  }
  if (args.concurrency.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency takes whole numbers ≥ 1, e.g. 4,8,16');
  return args;
}
