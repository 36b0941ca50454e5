import { textDigest } from '../util/text-digest.js';

/**
 * Results of analysing statement texts, kept for texts that come again (a query log repeats its statements). The same
 * text means the same thing only under the same search path and role: results are kept per such scope. Bounded: past
 * `limit` entries a scope starts afresh, so a history of distinct texts costs no memory here. Texts are kept as
 * digests: a text read from a file is a slice of the chunk it came in, and holding it would hold the whole chunk.
 */
export class TextCache<T> {
  private readonly scopes = new Map<string, Map<string, T>>();

  constructor(private readonly limit = 4096) {}

  /** The result for a text seen before in this scope, else `compute`'s, kept. */
  resolve(scope: string, text: string, compute: () => T): T {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    const key = textDigest(text);
    if (entries.has(key)) return entries.get(key) as T;
    const value = compute();
    if (entries.size >= this.limit) entries.clear();
    entries.set(key, value);
    return value;
  }
}
