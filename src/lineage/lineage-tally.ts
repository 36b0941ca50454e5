import type { SourceEvent } from '../workflow/records.js';
import type { ViewCheck } from './view-lineage.js';

const percent = (part: number, whole: number): string => (whole === 0 ? '100.0 %' : `${((part / whole) * 100).toFixed(1)} %`);

/** How well the run understood what it read: the measures the summary reports beside the counts. */
export class LineageTally {
  statements = 0;
  unparsed = 0;
  /** Statements of a query log with no keyword a write needs: not parsed for lineage. */
  readOnly = 0;
  readonly unresolved = new Set<string>();
  views = 0;
  routines = 0;
  routinesUnparsed = 0;
  viewUnparsed = 0;
  confirmed = 0;
  contradicted = 0;
  missed = 0;

  addViewCheck(check: ViewCheck): void {
    this.views++;
    this.confirmed += check.confirmed;
    this.contradicted += check.contradicted.length;
    this.missed += check.missed.length;
  }

  *facts(withViews: boolean, withRoutines: boolean): Generator<SourceEvent> {
    const parsed = this.statements - this.unparsed;
    const skipped = this.readOnly > 0 ? `; ${this.readOnly} read-only statements not parsed` : '';
    yield { kind: 'fact', name: 'statements parsed', value: `${percent(parsed, this.statements)} (${parsed} of ${this.statements})${skipped}` };
    const names = [...this.unresolved];
    const shown = names.slice(0, 5).join(', ');
    yield {
      kind: 'fact',
      name: 'references unresolved',
      value: names.length === 0 ? '0' : `${names.length} (${shown}${names.length > 5 ? ', …' : ''})`,
    };
    if (withRoutines) {
      const read = this.routines - this.routinesUnparsed;
      yield { kind: 'fact', name: 'function and procedure bodies read', value: `${read} of ${this.routines}` };
    }
    if (withViews) {
      yield {
        kind: 'fact',
        name: 'view lineage against pg_depend',
        value: `${this.views} views: ${this.confirmed} edges confirmed, ${this.contradicted} contradicted, ${this.missed} missed${this.viewUnparsed ? `; ${this.viewUnparsed} definitions not parsed` : ''}`,
      };
    }
  }
}
