import { compilePythonRegex } from '../config/python-regex.js';
import type { FilterPattern } from '../config/types.js';

/**
 * OpenMetadata's filter semantics: with includes, keep only names matching one of them and ignore excludes
 * entirely; otherwise drop names matching an exclude. An empty name is always filtered out.
 */
export class NameFilter {
  private readonly includes: RegExp[];
  private readonly excludes: RegExp[];

  private readonly exactly?: ReadonlySet<string>;

  constructor(pattern: FilterPattern | undefined) {
    this.includes = (pattern?.includes ?? []).map(compilePythonRegex);
    this.excludes = (pattern?.excludes ?? []).map(compilePythonRegex);
    if (pattern?.exactly) this.exactly = new Set(pattern.exactly);
  }

  /** True when the name is filtered out. */
  rejects(name: string): boolean {
    if (name === '') return true;
    if (this.exactly && !this.exactly.has(name)) return true;
    if (this.includes.length > 0) return !this.includes.some((re) => re.test(name));
    return this.excludes.some((re) => re.test(name));
  }
}
