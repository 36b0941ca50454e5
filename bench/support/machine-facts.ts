import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { workerFacts } from './worker-binary.js';

/** What a results section names so its figures can be compared with another machine's, or not. */
export interface Machine {
  nproc: number;
  cpu: string;
  memoryGb: number;
  kernel: string;
  node: string;
  postgres: string;
  worker: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.split(':').slice(1).join(':').trim() : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export async function postgresVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v;
  } finally {
    await c.end();
  }
}

export function machineFacts(postgres: string, worker: string): Machine {
  return {
    nproc: os.availableParallelism(),
    cpu: cpuModel(),
    memoryGb: os.totalmem() / 1024 ** 3,
    kernel: os.release(),
    node: process.version,
    postgres,
    worker: workerFacts(worker),
  };
}
