import { performance } from 'node:perf_hooks';
import type { DoubleCounters, OpenMetadataDouble } from '../../test/support/openmetadata-double/index.js';
import { runChild, type ChildRun } from '../support/child-run.js';
import { cpuTimes, TICK_MS, type Quiet } from '../support/quiet-machine.js';
import { fmtS, n } from './format.js';
import { EXPECTED_TABLES, type Scenario } from './scenario.js';

interface DoubleCheck {
  tables: number;
  deleted: number;
  inFlight: number;
}

export interface Run {
  scenario: Scenario;
  child: ChildRun;
  /** REST runs: what the double answered during the run. */
  counters?: DoubleCounters;
  /** This process's (the double's) CPU during the run, ms. */
  doubleCpuMs: number;
  /** Event-loop utilisation of this process during the run (0..1): how busy the double's one thread was. */
  doubleElu: number;
  /** Machine-wide busy CPU during the run, core-seconds (worker + double + Postgres + anything else). */
  machineCpuS: number;
  check?: DoubleCheck;
  quiet?: Quiet;
  /** REST runs: how long the double held each request (arrival to answer, its latency included), ms. */
  served?: { mean: number; p50: number; p99: number; max: number; sumMs: number };
  /** REST runs: the run's phases from the double's request log, ms from spawn. */
  phases?: Phases;
}

export interface Phases {
  /** First request to the double (the worker has started, validated its config and connected). */
  firstRequest: number;
  firstTablePut: number;
  lastTablePut: number;
  /** The PUTs after the last table (stored procedures) end here: the sink's finish() starts mark-deleted. */
  lastPut: number;
  /** Listings of what the server holds under each parent (databases, schemas, tables, procedures): taken before
   * the first child is sent and reused by mark-deleted. First sent, last answered, how many, time in the double. */
  firstList: number;
  lastList: number;
  lists: number;
  listMs: number;
  end: number;
}

function phasesOf(om: OpenMetadataDouble, spawnedAt: number, wallMs: number): Phases {
  const rel = (at: number): number => at - spawnedAt;
  const reqs = om.requests;
  const tablePuts = reqs.filter((r) => r.method === 'PUT' && r.path.endsWith('/v1/tables'));
  const puts = reqs.filter((r) => r.method === 'PUT');
  const lists = reqs.filter((r) => r.method === 'GET' && /\/v1\/(databases|databaseSchemas|tables|storedProcedures)$/.test(r.path));
  const min = (xs: number[]): number => (xs.length ? Math.min(...xs) : Number.NaN);
  const max = (xs: number[]): number => (xs.length ? Math.max(...xs) : Number.NaN);
  return {
    firstRequest: rel(min(reqs.map((r) => r.at))),
    firstTablePut: rel(min(tablePuts.map((r) => r.at))),
    lastTablePut: rel(max(tablePuts.map((r) => r.at + r.durationMs))),
    lastPut: rel(max(puts.map((r) => r.at + r.durationMs))),
    firstList: rel(min(lists.map((r) => r.at))),
    lastList: rel(max(lists.map((r) => r.at + r.durationMs))),
    lists: lists.length,
    listMs: lists.reduce((sum, r) => sum + r.durationMs, 0),
    end: wallMs,
  };
}

function servedStats(om: OpenMetadataDouble): Run['served'] {
  const d = om.requests.map((r) => r.durationMs).sort((a, b) => a - b);
  if (d.length === 0) return undefined;
  const sumMs = d.reduce((a, b) => a + b, 0);
  const at = (q: number): number => d[Math.min(d.length - 1, Math.floor(q * d.length))];
  return { mean: sumMs / d.length, p50: at(0.5), p99: at(0.99), max: d[d.length - 1], sumMs };
}

function checkDouble(om: OpenMetadataDouble): DoubleCheck {
  const tables = om.entities('table');
  return { tables: tables.length, deleted: tables.filter((t) => t.deleted === true).length, inFlight: om.inFlight };
}

export function problemsOf(run: Run): string[] {
  const out: string[] = [];
  if (run.child.exitCode !== 0) out.push(`${run.scenario.name}: om-worker exited with ${run.child.exitCode}`);
  if (run.check) {
    if (run.check.tables !== EXPECTED_TABLES)
      out.push(`${run.scenario.name}: the double holds ${run.check.tables} tables, expected ${EXPECTED_TABLES}`);
    if (run.check.deleted !== 0) out.push(`${run.scenario.name}: ${run.check.deleted} tables marked deleted`);
  }
  const bad = Object.entries(run.counters?.byStatus ?? {}).filter(([status]) => !/^2\d\d$/.test(status) && status !== '404');
  if (bad.length > 0) out.push(`${run.scenario.name}: answers ${bad.map(([s, c]) => `${s} × ${c}`).join(', ')}`);
  return out;
}

export async function measure(scenario: Scenario, configFile: string, worker: string, om: OpenMetadataDouble): Promise<Run> {
  if (scenario.double === 'fresh') om.reset();
  else om.clearRequests();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const m0 = cpuTimes();
  const spawnedAt = Date.now();
  const child = await runChild(worker, ['run', '-c', configFile]);
  const m1 = cpuTimes();
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  const run: Run = {
    scenario,
    child,
    doubleCpuMs: (cpu.user + cpu.system) / 1000,
    doubleElu: elu.utilization,
    machineCpuS: ((m1.busy - m0.busy) * TICK_MS) / 1000,
  };
  if (scenario.sink === 'rest') {
    run.counters = om.counters;
    run.served = servedStats(om);
    run.phases = phasesOf(om, spawnedAt, child.wallMs);
    run.check = checkDouble(om);
  }
  return run;
}

export function describeRun(run: Run): string {
  const c = run.counters;
  const requests = c
    ? `, ${n(c.requests)} requests (${Object.entries(c.byMethod)
        .map(([m, k]) => `${m} ${k}`)
        .join(', ')}; created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}), double holds ${run.check?.tables} tables`
    : '';
  const served = run.served ? `, in double ${run.served.mean.toFixed(2)} ms mean / ${run.served.p99} ms p99` : '';
  const p = run.phases;
  const tables = p && Number.isFinite(p.firstTablePut) ? `tables ${fmtS(p.firstTablePut)}–${fmtS(p.lastTablePut)}` : 'no table PUTs';
  const phases = p
    ? `, phases: first request ${fmtS(p.firstRequest)}, ${tables}, last PUT ${fmtS(p.lastPut)}, ${p.lists} listings ${fmtS(p.firstList)}–${fmtS(p.lastList)}`
    : '';
  return `${fmtS(run.child.wallMs)} = ${n(EXPECTED_TABLES / (run.child.wallMs / 1000))} tables/s${served}${phases}, RSS ${(run.child.peakRssKb / 1024).toFixed(0)} MB, worker CPU ${(run.child.userS + run.child.sysS).toFixed(2)} s, double CPU ${fmtS(run.doubleCpuMs)} (ELU ${(run.doubleElu * 100).toFixed(0)}%), machine ${run.machineCpuS.toFixed(1)} core-s${requests}`;
}
