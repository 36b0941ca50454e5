import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LineageCatalog } from '../lineage/lineage-catalog.js';
import { loadSqlParser } from './sql-parser.js';
import { analyseStatement, catalogData, catalogFrom, type AnalysisReply, type AnalysisRequest, type CatalogData } from './statement-analysis.js';

/** The role a worker thread of om-worker is started in. */
const ROLE = 'omgen-statement-analysis';

type Message = { kind: 'catalog'; id: number; catalog: CatalogData } | { kind: 'batch'; id: number; catalogId: number; requests: AnalysisRequest[] };

/** Whether this thread is an analysis worker (then it must serve, not run the command line). */
export const isAnalysisWorker = (): boolean => !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;

/** The serving loop of an analysis worker thread: catalogs arrive once, then batches of statements. */
export async function serveAnalysis(): Promise<void> {
  const parser = await loadSqlParser();
  const catalogs = new Map<number, LineageCatalog>();
  parentPort?.on('message', (message: Message) => {
    if (message.kind === 'catalog') {
      catalogs.set(message.id, catalogFrom(message.catalog));
      return;
    }
    const catalog = catalogs.get(message.catalogId);
    const replies: AnalysisReply[] = catalog
      ? message.requests.map((request) => analyseStatement(parser, catalog, request))
      : message.requests.map(() => ({ ok: false, kind: 'other', message: 'no catalog in the analysis thread' }));
    parentPort?.postMessage({ id: message.id, replies });
  });
}

/**
 * The code a worker thread runs: the bundle itself (a file beside node, or the single executable's embedded copy).
 * From the sources (tests, tsx) there is none, and statements are analysed on the main thread alone.
 */
function workerCode(): { code: string; eval: boolean } | undefined {
  if (process.env.OMGEN_BUNDLE !== 'cjs') return undefined;
  const require = createRequire(import.meta.url);
  try {
    const sea = require('node:sea') as { isSea(): boolean; getAsset(name: string, encoding: string): string };
    if (sea.isSea()) return { code: sea.getAsset('om-worker.cjs', 'utf8'), eval: true };
  } catch {
    // node:sea is not there before Node 20.12: not a single executable either.
  }
  return { code: __filename, eval: false };
}

/**
 * A worker thread that analyses batches of statements against catalogs sent to it once each: the second core of a
 * usage run. Its heap is bounded, so a second thread does not double the run's memory.
 */
export class AnalysisThread {
  private readonly pending = new Map<number, (replies: AnalysisReply[]) => void>();
  private readonly catalogIds = new WeakMap<LineageCatalog, number>();
  private nextId = 1;
  private failure?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; replies: AnalysisReply[] }) => {
      this.pending.get(message.id)?.(message.replies);
      this.pending.delete(message.id);
    });
    worker.on('error', (error) => {
      this.failure = error;
      for (const resolve of this.pending.values()) resolve([]);
      this.pending.clear();
    });
    worker.unref();
  }

  /** A started thread, or undefined where none can run (from the sources). */
  static start(): AnalysisThread | undefined {
    const code = workerCode();
    if (!code) return undefined;
    const worker = new Worker(code.code, {
      eval: code.eval,
      workerData: { role: ROLE },
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    return new AnalysisThread(worker);
  }

  /** Replies in request order; an empty list when the thread failed (the caller analyses them itself). */
  analyse(catalog: LineageCatalog, requests: AnalysisRequest[]): Promise<AnalysisReply[]> {
    if (this.failure) return Promise.resolve([]);
    let catalogId = this.catalogIds.get(catalog);
    if (catalogId === undefined) {
      catalogId = this.nextId++;
      this.catalogIds.set(catalog, catalogId);
      this.worker.postMessage({ kind: 'catalog', id: catalogId, catalog: catalogData(catalog) } satisfies Message);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ kind: 'batch', id, catalogId, requests } satisfies Message);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
