/**
 * Results of analysing statement texts, kept for texts that come again (a query log repeats its statements). The same
 * text means the same thing only under the same search path and role: results are kept per such scope. Bounded: past
 * `limit` entries a scope starts afresh, so a history of distinct texts costs no memory here.
 */
export class TextCache<T> {
  private readonly scopes = new Map<string, Map<string, T>>();

  constructor(private readonly limit = 4096) {}

  get(scope: string, text: string): T | undefined {
    return this.scopes.get(scope)?.get(text);
  }

  set(scope: string, text: string, value: T): void {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    if (entries.size >= this.limit) entries.clear();
    entries.set(text, value);
  }
}
