import os from 'node:os';
import path from 'node:path';
import { keepCpuProfile, runUnderCpuProf, selfTimeLines, topSelfTime } from '../support/cpu-profile.js';
import { ROOT } from '../support/paths.js';
import { fmtS } from './format.js';

/** One more worker run, the bundle (dist/om-worker.cjs) under `node --cpu-prof`, summarised by self time per function. */
export async function cpuProfile(configFile: string, dir: string): Promise<string> {
  const bundle = path.join(ROOT, 'dist', 'om-worker.cjs');
  const profDir = path.join(dir, 'prof');
  const run = await runUnderCpuProf(bundle, configFile, profDir);
  if (run.exitCode !== 0) throw new Error(`profiled run failed (${run.exitCode}): ${run.stderr}`);
  const keep = path.join(os.tmpdir(), `omgen-bench-metadata-${Date.now()}.cpuprofile`);
  const profile = await keepCpuProfile(profDir, keep);
  const lines = selfTimeLines(topSelfTime(profile, 25).rows);
  return `CPU profile of node ${path.relative(ROOT, bundle)} (wall ${fmtS(run.wallMs)}, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB), saved to ${keep}\nTop self time:\n${lines.join('\n')}`;
}
