/**
 * The limit the workflows are measured against: Postgres's own parser (libpg-query `parseSync`, the wasm build the
 * worker bundles) over every query text of the log, each parsed once, in this process. Only the parsing is timed:
 * the texts are read from the CSV beforehand, by the same reader the worker uses.
 */
import { readQueryLog } from '../../src/usage/query-log-file.js';
import { elapsedMs } from '../support/format.js';

type LibPgQuery = typeof import('libpg-query');

export interface LogTexts {
  texts: string[];
  /** Rows the reader warned about (unreadable, or without query_text). */
  warnings: number;
  distinctTexts: number;
  /** Texts that differ only in constants, comments and layout count once (libpg-query fingerprint). */
  distinctFingerprints: number;
  /** Texts Postgres's parser refuses. */
  refused: number;
}

export interface BaselineRun {
  ms: number;
  parsed: number;
  refused: number;
  /** This process's CPU (user + system) during the parsing, ms. */
  cpuMs: number;
}

let lib: Promise<LibPgQuery> | undefined;

export function loadLibPgQuery(): Promise<LibPgQuery> {
  lib ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    return m;
  });
  return lib;
}

export async function readLogTexts(file: string): Promise<LogTexts> {
  const pgQuery = await loadLibPgQuery();
  const texts: string[] = [];
  let warnings = 0;
  for await (const event of readQueryLog(file)) {
    if (event.kind === 'query') texts.push(event.query.text);
    else warnings++;
  }
  const fingerprints = new Set<string>();
  let refused = 0;
  for (const text of texts) {
    try {
      fingerprints.add(pgQuery.fingerprintSync(text));
    } catch {
      refused++;
    }
  }
  return { texts, warnings, distinctTexts: new Set(texts).size, distinctFingerprints: fingerprints.size, refused };
}

/** Every text parsed once; a text the parser refuses costs what it costs and is counted. */
export async function parseAll(texts: readonly string[]): Promise<BaselineRun> {
  const pgQuery = await loadLibPgQuery();
  let parsed = 0;
  let refused = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const text of texts) {
    try {
      pgQuery.parseSync(text);
      parsed++;
    } catch {
      refused++;
    }
  }
  const ms = elapsedMs(start);
  const used = process.cpuUsage(cpu);
  return { ms, parsed, refused, cpuMs: (used.user + used.system) / 1000 };
}
