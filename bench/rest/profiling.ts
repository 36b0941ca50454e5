import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import type { OpenMetadataDouble } from '../../test/support/openmetadata-double/index.js';
import type { GeneratedDatabase } from '../metadata/generate.js';
import { inclusiveTime, keepCpuProfile, runUnderCpuProf, selfTimeLines, topSelfTime, type CpuProfile } from '../support/cpu-profile.js';
import { fmtS } from './format.js';
import { scenarioYaml } from './scenario.js';

const WORKER_GROUPS: [string, RegExp][] = [
  ['OpenMetadataHttp.request (JSON.stringify of the body, sending, JSON.parse of the answer)', /^request om-worker\.cjs$/],
  ['  of which once() (http.request, headers, socket write)', /^once om-worker\.cjs$/],
  ['MetadataRestSink.deliver (PUT, route, body)', /^deliver om-worker\.cjs$/],
  ['walkDatabase (catalog rows → requests)', /^walkDatabase om-worker\.cjs$/],
  ['pg protocol (handlePacket)', /^handlePacket om-worker\.cjs$/],
  ['socket reads (onStreamRead: pg and http answers)', /^onStreamRead stream_base_commons$/],
  ['socket writes (writev)', /^writev $/],
  ['garbage collector', /^\(garbage collector\) $/],
];

const DOUBLE_GROUPS: [string, RegExp][] = [
  ['request listener (its synchronous part)', / request-handler\.ts$/],
  ['writeEntity (PUT: validate, prepare, store, project)', /^writeEntity /],
  ['listEntities (GET listing pages)', /^listEntities /],
  ['project (structuredClone of the stored entity for the answer)', /^project /],
  ['validateRequest (schemas + structuredClone of the body)', /^validateRequest /],
  ['cloneJson (structuredClone, all callers)', /^cloneJson /],
  ['encode (JSON.stringify of answers)', /^encode /],
  ['socket writes (writev)', /^writev $/],
  ['garbage collector', /^\(garbage collector\) $/],
];

function profileReport(title: string, profile: CpuProfile, groups: [string, RegExp][], wallMs: number): string {
  const top = topSelfTime(profile, 30);
  const incl = inclusiveTime(profile, groups);
  return [
    `${title}: profile ${fmtS(top.totalMs)} (idle ${fmtS(top.idleMs)}) over a ${fmtS(wallMs)} run`,
    'Inclusive time by area:',
    ...incl.map((g) => `  ${g.ms.toFixed(0).padStart(6)} ms  ${g.name}`),
    'Top self time:',
    ...selfTimeLines(top.rows),
  ].join('\n');
}

/** One default-concurrency push to a fresh double: the worker bundle under --cpu-prof, the double under the inspector. */
export async function cpuProfiles(db: GeneratedDatabase, om: OpenMetadataDouble, work: string, worker: string): Promise<string> {
  const bundle = path.join(path.dirname(worker), 'om-worker.cjs');
  const profDir = path.join(work, 'prof');
  const configFile = path.join(work, 'profile.yaml');
  await fs.writeFile(configFile, scenarioYaml(db, { name: 'profile', sink: 'rest', double: 'fresh' }, om.baseUrl, ''));
  om.reset();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const run = await runUnderCpuProf(bundle, configFile, profDir);
  const { profile: doubleProfile } = await session.post('Profiler.stop');
  session.disconnect();
  if (run.exitCode !== 0) throw new Error(`profiled run failed (${run.exitCode}): ${run.stderr}`);
  const stamp = Date.now();
  const keepWorker = path.join(os.tmpdir(), `omgen-bench-rest-worker-${stamp}.cpuprofile`);
  const keepDouble = path.join(os.tmpdir(), `omgen-bench-rest-double-${stamp}.cpuprofile`);
  const workerProfile = await keepCpuProfile(profDir, keepWorker);
  await fs.writeFile(keepDouble, JSON.stringify(doubleProfile));
  return [
    `Profiles of one default-concurrency push to a fresh double (wall ${fmtS(run.wallMs)}, worker CPU ${(run.userS + run.sysS).toFixed(2)} s, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB; double holds ${om.entities('table').length} tables)`,
    `saved to ${keepWorker} and ${keepDouble}`,
    '',
    profileReport('WORKER (node --cpu-prof dist/om-worker.cjs)', workerProfile, WORKER_GROUPS, run.wallMs),
    '',
    profileReport('DOUBLE (this process, inspector profiler, 0.5 ms sampling)', doubleProfile as unknown as CpuProfile, DOUBLE_GROUPS, run.wallMs),
  ].join('\n');
}
