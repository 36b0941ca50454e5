import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runChild, type ChildRun } from '../support/child-run.js';
import { inclusiveTime, keepCpuProfile, runUnderCpuProf, topSelfTime, type CpuProfile } from '../support/cpu-profile.js';
import { ROOT } from '../support/paths.js';

/** Areas of the worker's time, by inclusive time of the functions that start them (names as the bundle keeps them). */
const GROUPS: [string, RegExp][] = [
  ['query log: readQueryLog (rows to queries)', /^readQueryLog om-worker\.cjs$/],
  ['query log: CSV reader (readCsvRecords, feed, settle, parseCsvRecord)', /^(readCsvRecords|feed|settle|parseCsvRecord) om-worker\.cjs$/],
  ['textLineage (parse + analysis of a text)', /^textLineage om-worker\.cjs$/],
  ['  of which libpg-query parseSync (wasm parse, JSON of the tree, JSON.parse)', /^parseSync om-worker\.cjs$/],
  ["    of which wasm → JS calls (invoke_*: emscripten's setjmp/longjmp trampolines)", /^invoke_\w+ om-worker\.cjs$/],
  ['  of which statementLineage (the analysis)', /^statementLineage om-worker\.cjs$/],
  ['    of which columnsOf (column lists of each relation, per statement)', /^columnsOf om-worker\.cjs$/],
  ['usage: query-parser processor (process)', /^process om-worker\.cjs$/],
  ['usage: shortText (the name of each statement record)', /^shortText om-worker\.cjs$/],
  ['usage: table-usage stage (add)', /^add om-worker\.cjs$/],
  ['usage: bulk sink (finish: staged files to records)', /^finish om-worker\.cjs$/],
  ['NDJSON lines (ndjson, ndjsonLine)', /^(ndjson|ndjsonLine) om-worker\.cjs$/],
  ['garbage collector', /^\(garbage collector\) $/],
];

export interface ProfileSummary {
  workflow: string;
  wallMs: number;
  totalMs: number;
  idleMs: number;
  groups: { name: string; ms: number }[];
  top: { name: string; ms: number; share: number }[];
  /** Self time by source line of the bundle: the statements that cost most, whatever function they are in. */
  lines: { line: number; ms: number; text: string }[];
  file: string;
}

/** The CPU profile's per-line ticks (V8 records them for every sampled function), over all of the bundle's functions. */
async function hotLines(profile: CpuProfile, bundle: string, totalMs: number, limit: number): Promise<ProfileSummary['lines']> {
  const ticks = new Map<number, number>();
  for (const node of profile.nodes as (CpuProfile['nodes'][number] & { positionTicks?: { line: number; ticks: number }[] })[]) {
    if (path.basename(node.callFrame.url) !== path.basename(bundle)) continue;
    for (const t of node.positionTicks ?? []) ticks.set(t.line, (ticks.get(t.line) ?? 0) + t.ticks);
  }
  const source = (await fs.readFile(bundle, 'utf8')).split('\n');
  const msPerTick = totalMs / Math.max(1, profile.samples.length);
  return [...ticks]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([line, count]) => ({ line, ms: count * msPerTick, text: (source[line - 1] ?? '').trim().slice(0, 110) }));
}

/** One more run of a workflow, the bundle (dist/om-worker.cjs next to the executable) under `node --cpu-prof`. */
export async function profileWorkflow(workflow: string, configFile: string, work: string, worker: string): Promise<ProfileSummary> {
  const bundle = path.join(path.dirname(worker), 'om-worker.cjs');
  const profDir = path.join(work, `prof-${workflow}`);
  const run = await runUnderCpuProf(bundle, configFile, profDir);
  if (run.exitCode !== 0) throw new Error(`profiled ${workflow} run failed (${run.exitCode}): ${run.stderr}`);
  const keep = path.join(os.tmpdir(), `omgen-bench-query-log-${workflow}-${Date.now()}.cpuprofile`);
  const profile = await keepCpuProfile(profDir, keep);
  const top = topSelfTime(profile, 20);
  return {
    workflow,
    wallMs: run.wallMs,
    totalMs: top.totalMs,
    idleMs: top.idleMs,
    groups: inclusiveTime(profile, GROUPS),
    top: top.rows,
    lines: await hotLines(profile, bundle, top.totalMs, 10),
    file: path.relative(ROOT, keep).startsWith('..') ? keep : path.relative(ROOT, keep),
  };
}

/** Loaded into the profiled worker with --require: samples every allocation, collected or not, and writes the profile on exit. */
const SAMPLER = `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.on('exit', () => {
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (!error) fs.writeFileSync(process.env.OMGEN_BENCH_ALLOCATIONS, JSON.stringify(result.profile));
  });
});
`;

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/**
 * Where the garbage comes from: allocations under the main parts, inclusive, by the frames V8 records (a function the
 * compiler inlined may be missing, so the groups are ones that show in both workflows).
 */
const ALLOCATION_GROUPS: [string, RegExp][] = [
  ['textLineage (parse + analysis of a text)', /^textLineage om-worker\.cjs$/],
  ['fromItem (FROM items and joins: column lists, scopes; part of the analysis)', /^fromItem om-worker\.cjs$/],
  ['libpg-query parseSync (the tree as JSON, then objects; part of textLineage)', /^parseSync om-worker\.cjs$/],
  ['query log: CSV reader (readCsvRecords, feed, settle)', /^(readCsvRecords|feed|settle) om-worker\.cjs$/],
  ['usage: table-usage stage and bulk sink (add, finish)', /^(add|finish) om-worker\.cjs$/],
];

export interface AllocationSummary {
  workflow: string;
  wallMs: number;
  peakRssKb: number;
  totalBytes: number;
  groups: { name: string; bytes: number }[];
  top: { name: string; bytes: number }[];
}

/** One more run of a workflow, the bundle with V8's sampling heap profiler counting collected objects too. */
export async function allocationProfile(workflow: string, configFile: string, work: string, worker: string): Promise<AllocationSummary> {
  const bundle = path.join(path.dirname(worker), 'om-worker.cjs');
  const sampler = path.join(work, 'allocation-sampler.cjs');
  const out = path.join(work, `${workflow}.heapprofile`);
  await fs.writeFile(sampler, SAMPLER);
  process.env.OMGEN_BENCH_ALLOCATIONS = out;
  let run: ChildRun;
  try {
    run = await runChild(process.execPath, ['--require', sampler, bundle, 'run', '-c', configFile]);
  } finally {
    delete process.env.OMGEN_BENCH_ALLOCATIONS;
  }
  if (run.exitCode !== 0) throw new Error(`allocation-sampled ${workflow} run failed (${run.exitCode}): ${run.stderr}`);
  const head = (JSON.parse(await fs.readFile(out, 'utf8')) as { head: AllocationNode }).head;
  const self = new Map<string, number>();
  const groups = new Map<string, number>(ALLOCATION_GROUPS.map(([name]) => [name, 0]));
  let totalBytes = 0;
  const walk = (node: AllocationNode, inGroups: ReadonlySet<string>): void => {
    const f = node.callFrame;
    const label = `${f.functionName} ${f.url ? path.basename(f.url) : ''}`;
    const name = f.url
      ? `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`
      : `${f.functionName || '(anonymous)'} (builtin)`;
    const here = new Set(inGroups);
    for (const [group, re] of ALLOCATION_GROUPS) if (re.test(label)) here.add(group);
    totalBytes += node.selfSize;
    self.set(name, (self.get(name) ?? 0) + node.selfSize);
    for (const group of here) groups.set(group, (groups.get(group) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(head, new Set());
  return {
    workflow,
    wallMs: run.wallMs,
    peakRssKb: run.peakRssKb,
    totalBytes,
    groups: [...groups].map(([name, bytes]) => ({ name, bytes })),
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, bytes]) => ({ name, bytes })),
  };
}
