/**
 * Cursor paging of listings (EntityRepository.listAfter/listBefore): entities in listing order (name, then FQN), `limit`
 * 0..1000000 (default 10), opaque `after`/`before` cursors naming the boundary entity, and `paging.total` counting
 * every match. With `after`, the page also carries a `before` cursor to step back; `limit=0` answers only the total.
 */
import { compareRecords, type EntityRecord } from './store.js';
import { badRequest, compareStrings, httpNotFound, type JsonObject } from './types.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1_000_000;

export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface Page {
  items: EntityRecord[];
  paging: JsonObject;
}

export function parsePageRequest(query: URLSearchParams): PageRequest {
  const rawLimit = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    // JAX-RS answers 404 when a query parameter does not convert to its Java type.
    if (!/^-?\d+$/.test(rawLimit.trim())) throw httpNotFound();
    limit = Number(rawLimit.trim());
    if (limit < 0) throw badRequest('[query param limit must be greater than or equal to 0]');
    if (limit > MAX_LIMIT) throw badRequest(`[query param limit must be less than or equal to ${MAX_LIMIT}]`);
  }
  const after = query.get('after') ?? undefined;
  const before = query.get('before') ?? undefined;
  if (after !== undefined && before !== undefined) throw badRequest('Only one of before or after query parameter allowed');
  return { limit, after, before };
}

type Key = [name: string, fqn: string];

function keyOf(record: EntityRecord): Key {
  return [String(record.entity.name ?? ''), record.fqn];
}

function compareKeys(a: Key, b: Key): number {
  return compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]);
}

function isSorted(records: readonly EntityRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if (compareRecords(records[i - 1], records[i]) > 0) return false;
  return true;
}

export function encodeCursor(record: EntityRecord): string {
  return Buffer.from(JSON.stringify(keyOf(record)), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) return [key[0], key[1]];
  } catch {
    // fall through
  }
  throw badRequest(`Invalid cursor ${cursor}`);
}

/** `matches` in listing order (as EntityStore.allSorted hands them out); other orders are sorted first. */
export function paginate(matches: readonly EntityRecord[], request: PageRequest): Page {
  const sorted = isSorted(matches) ? matches : [...matches].sort(compareRecords);
  const total = sorted.length;
  const { limit } = request;
  if (limit === 0) return { items: [], paging: { total } };

  if (request.before !== undefined) {
    const boundary = decodeCursor(request.before);
    const earlier = sorted.filter((r) => compareKeys(keyOf(r), boundary) < 0);
    const window = earlier.slice(Math.max(0, earlier.length - (limit + 1)));
    const items = window.length > limit ? window.slice(1) : window;
    const paging: JsonObject = { total };
    if (window.length > limit) paging.before = encodeCursor(items[0]);
    if (items.length > 0) paging.after = encodeCursor(items[items.length - 1]);
    return { items, paging };
  }

  const boundary = request.after === undefined ? undefined : decodeCursor(request.after);
  const later = boundary === undefined ? sorted : sorted.filter((r) => compareKeys(keyOf(r), boundary) > 0);
  const window = later.slice(0, limit + 1);
  const items = window.slice(0, limit);
  const paging: JsonObject = { total };
  if (boundary !== undefined && items.length > 0) paging.before = encodeCursor(items[0]);
  if (window.length > limit) paging.after = encodeCursor(items[limit - 1]);
  return { items, paging };
}
