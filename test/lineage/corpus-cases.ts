// Reads the lineage conformance corpus (test/lineage/corpus) and scores computed lineage against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { splitFqn } from '../../src/openmetadata/fqn.js';

export const CORPUS_DIR = join(import.meta.dirname, 'corpus');

export interface CorpusCase {
  id: string;
  file: string;
  sql: string;
  search_path?: string[];
  reads: string[];
  tables: string[];
  columns: string[];
  unresolved?: string[];
  valid?: boolean;
  note?: string;
}

export function loadCorpus(): CorpusCase[] {
  const dir = join(CORPUS_DIR, 'cases');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const cases = load(readFileSync(join(dir, file), 'utf8')) as Omit<CorpusCase, 'file'>[];
      return cases.map((entry) => ({ ...entry, file, reads: entry.reads ?? [], tables: entry.tables ?? [], columns: entry.columns ?? [] }));
    });
}

/** `a.b -> c.d` written with FQN quoting → the same edge in one canonical spelling (parts joined by NUL). */
export function canonicalEdge(edge: string): string {
  const [from, to] = edge.split(/\s+->\s+/);
  if (from === undefined || to === undefined) throw new Error(`not an edge: ${edge}`);
  return `${canonicalName(from)} -> ${canonicalName(to)}`;
}

export function canonicalName(name: string): string {
  return splitFqn(name.trim()).join('\u0000');
}

export const nameOf = (...parts: string[]): string => parts.join('\u0000');

export const readable = (canonical: string): string => canonical.replaceAll('\u0000', '.');

/** Counts of one kind of fact (table edges, column edges, reads) over the corpus. */
export class Score {
  truePositives = 0;
  falsePositives = 0;
  falseNegatives = 0;
  readonly misses: string[] = [];

  add(caseId: string, expected: Set<string>, actual: Set<string>): void {
    for (const fact of actual) {
      if (expected.has(fact)) this.truePositives++;
      else {
        this.falsePositives++;
        this.misses.push(`${caseId}: unexpected ${readable(fact)}`);
      }
    }
    for (const fact of expected) {
      if (!actual.has(fact)) {
        this.falseNegatives++;
        this.misses.push(`${caseId}: missing ${readable(fact)}`);
      }
    }
  }

  get precision(): number {
    const found = this.truePositives + this.falsePositives;
    return found === 0 ? 1 : this.truePositives / found;
  }

  get recall(): number {
    const wanted = this.truePositives + this.falseNegatives;
    return wanted === 0 ? 1 : this.truePositives / wanted;
  }

  describe(): string {
    const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
    return `precision ${pct(this.precision)}, recall ${pct(this.recall)} (${this.truePositives} right, ${this.falsePositives} wrong, ${this.falseNegatives} missed)`;
  }
}
