import fs from 'node:fs/promises';
import path from 'node:path';
import { runChild, type ChildRun } from './child-run.js';

/** The parts of a V8 .cpuprofile the summaries read. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Runs the worker bundle under `node --cpu-prof`, which writes its profile into `profDir` on exit. */
export function runUnderCpuProf(bundle: string, configFile: string, profDir: string): Promise<ChildRun> {
  return runChild(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, bundle, 'run', '-c', configFile]);
}

/** Copies the profile runUnderCpuProf left in `profDir` to `keep` (the work folder is removed at the end), and reads it. */
export async function keepCpuProfile(profDir: string, keep: string): Promise<CpuProfile> {
  const [file] = (await fs.readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'));
  await fs.copyFile(path.join(profDir, file), keep);
  return JSON.parse(await fs.readFile(keep, 'utf8')) as CpuProfile;
}

/** Self time per function (top `limit`), and the profile's total. */
export function topSelfTime(profile: CpuProfile, limit: number): { rows: SelfTime[]; totalMs: number; idleMs: number } {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    total += t;
    const f = node.callFrame;
    if (f.functionName === '(idle)') idle += t;
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + t);
  }
  const rows = [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, t]) => ({ name, ms: t / 1000, share: t / total }));
  return { rows, totalMs: total / 1000, idleMs: idle / 1000 };
}

export function selfTimeLines(rows: SelfTime[]): string[] {
  return rows.map((t) => `  ${t.ms.toFixed(0).padStart(6)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}`);
}

/** Inclusive time of every function whose name matches, counted once per sample (no double counting of recursion). */
export function inclusiveTime(profile: CpuProfile, groups: [string, RegExp][]): { name: string; ms: number }[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>(groups.map(([name]) => [name, 0]));
  const memo = new Map<number, Set<string>>();
  const groupsOf = (id: number): Set<string> => {
    let out = memo.get(id);
    if (out) return out;
    const node = byId.get(id);
    const up = parent.get(id);
    out = new Set(up === undefined ? [] : groupsOf(up));
    const label = `${node?.callFrame.functionName ?? ''} ${node ? path.basename(node.callFrame.url) : ''}`;
    for (const [name, re] of groups) if (re.test(label)) out.add(name);
    memo.set(id, out);
    return out;
  };
  profile.samples.forEach((id, i) => {
    for (const g of groupsOf(id)) totals.set(g, (totals.get(g) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].map(([name, t]) => ({ name, ms: t }));
}
