import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this folder is bench/support/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One file for every bench, each runner owning a section of it (see results-file.ts). */
export const RESULTS_FILE = path.join(ROOT, 'bench', 'RESULTS.md');

/** What `npm run build` makes, and what every bench measures unless --worker names another build. */
export const DEFAULT_WORKER = path.join(ROOT, 'dist', 'om-worker');
