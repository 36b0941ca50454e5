import { quoteIdent } from '../postgres/quote.js';
import { SqlParams } from '../profiler/sql-params.js';

type Row = Record<string, unknown>;
type Build = (params: SqlParams) => Array<[string, string]>;

interface Request {
  build: Build;
  items: Array<[string, string]>;
  resolve: (row: Row) => void;
  reject: (error: unknown) => void;
}

/**
 * The aggregates several tests ask of one table's sample, computed in one scan: each test's expressions are aliased
 * with its place in the batch, one statement runs them all, and each test gets its own row back. When the statement
 * fails (one test's bad regex, say) each test is run alone, so one test's error stays its own.
 */
export class AggregateBatch {
  private readonly requests: Request[] = [];
  private readonly params = new SqlParams();

  /** What a test's context calls: resolves once the batch has run. */
  readonly request = (build: Build): Promise<Row> =>
    new Promise<Row>((resolve, reject) => this.requests.push({ build, items: build(this.params), resolve, reject }));

  get size(): number {
    return this.requests.length;
  }

  /**
   * Runs the batch: `run` executes a statement; `isolate` runs a statement so that its failure leaves the session
   * usable (a savepoint); `from` is the sample's FROM item for the parameters given.
   */
  async execute(from: (params: SqlParams) => string, isolate: (text: string, params: unknown[]) => Promise<Row[]>): Promise<void> {
    if (this.requests.length === 0) return;
    const list = this.requests.flatMap((request, i) =>
      request.items.map(([alias, expression]) => `${expression} AS ${quoteIdent(`t${i}_${alias}`)}`),
    );
    const text = `SELECT ${list.join(', ')} FROM ${from(this.params)}`;
    try {
      const [row = {}] = await isolate(text, this.params.values);
      this.requests.forEach((request, i) => request.resolve(Object.fromEntries(request.items.map(([alias]) => [alias, row[`t${i}_${alias}`]]))));
      return;
    } catch {
      // Somebody's expression failed: everyone runs alone, and only the failing test sees its error.
    }
    for (const request of this.requests) {
      const params = new SqlParams();
      const items = request.build(params);
      const alone = `SELECT ${items.map(([alias, expression]) => `${expression} AS ${quoteIdent(alias)}`).join(', ')} FROM ${from(params)}`;
      try {
        const [row = {}] = await isolate(alone, params.values);
        request.resolve(row);
      } catch (error) {
        request.reject(error);
      }
    }
  }
}
