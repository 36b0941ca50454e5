import type { CatalogReader } from '../postgres/catalog-reader.js';
import { isConnectionLoss } from '../postgres/source-pool.js';
import type { ColumnDefaultRow, ColumnRow, ConstraintRow, RelationRow } from '../postgres/catalog-rows.js';

/** Everything the catalog holds about one relation beyond its pg_class row, or why it could not be read. */
export interface RelationDetails {
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  viewDefinition?: string;
  /** Default and generation expressions by attnum, for a table's DDL (only read when the DDL is wanted). */
  defaults?: Map<number, string>;
  /** Why the defaults could not be read: the table is still sent, without its DDL. */
  defaultsError?: Error;
  error?: Error;
}

export interface BatchOptions {
  /** Relations per columns/constraints statement: bounds memory and the size of each result. */
  batchSize: number;
  /** Views per pg_get_viewdef statement: bounds the locks one statement holds. */
  viewBatchSize: number;
  /** Whether tables' DDL is wanted, so their column defaults are read. */
  includeDDL: boolean;
}

const isTable = (relation: RelationRow): boolean => relation.kind === 'r' || relation.kind === 'p' || relation.kind === 'f';

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

async function readBatch(reader: CatalogReader, relations: RelationRow[], options: BatchOptions): Promise<Map<number, RelationDetails>> {
  const { viewBatchSize } = options;
  const oids = relations.map((r) => r.oid);
  const viewOids = relations.filter((r) => r.kind === 'v' || r.kind === 'm').map((r) => r.oid);
  const viewBatches: number[][] = [];
  for (let i = 0; i < viewOids.length; i += viewBatchSize) viewBatches.push(viewOids.slice(i, i + viewBatchSize));
  const [columns, constraints, ...definitions] = await Promise.all([
    reader.columns(oids),
    reader.constraints(oids),
    ...viewBatches.map((batch) => reader.viewDefinitions(batch)),
  ]);
  const columnsByTable = groupBy(columns, (c) => c.tableOid);
  const constraintsByTable = groupBy(constraints, (c) => c.tableOid);
  const out = new Map<number, RelationDetails>();
  for (const relation of relations) {
    const details: RelationDetails = {
      columns: columnsByTable.get(relation.oid) ?? [],
      constraints: constraintsByTable.get(relation.oid) ?? [],
    };
    if (options.includeDDL && isTable(relation)) details.defaults = new Map();
    for (const defs of definitions) if (defs.has(relation.oid)) details.viewDefinition = defs.get(relation.oid);
    out.set(relation.oid, details);
  }
  return out;
}

/**
 * Reads relation details batch by batch, in the order the relations will be emitted, one batch ahead of the
 * consumer so Postgres works while the previous batch is being written. A batch that fails is re-read one relation
 * at a time, so one unreadable relation (a view locked past lock_timeout, say) fails alone.
 */
export class RelationBatches {
  private readonly batchOf = new Map<number, number>();
  private readonly batches: RelationRow[][] = [];
  private readonly loaded = new Map<number, Promise<Map<number, RelationDetails>>>();

  constructor(
    private readonly reader: CatalogReader,
    relationsInOrder: RelationRow[],
    private readonly options: BatchOptions,
  ) {
    relationsInOrder.forEach((relation, i) => {
      const index = Math.floor(i / options.batchSize);
      (this.batches[index] ??= []).push(relation);
      this.batchOf.set(relation.oid, index);
    });
  }

  private load(index: number): Promise<Map<number, RelationDetails>> {
    let pending = this.loaded.get(index);
    if (!pending) {
      pending = this.readResilient(this.batches[index]);
      pending.catch(() => undefined);
      this.loaded.set(index, pending);
    }
    return pending;
  }

  private async readResilient(relations: RelationRow[]): Promise<Map<number, RelationDetails>> {
    try {
      const details = await readBatch(this.reader, relations, this.options);
      if (this.options.includeDDL) await this.readDefaults(relations.filter(isTable), details);
      return details;
    } catch (batchError) {
      // A lost session is nobody's fault among these relations: re-reading them one by one would only fail each.
      if (isConnectionLoss(batchError)) throw batchError;
      if (relations.length === 1) {
        return new Map([[relations[0].oid, { columns: [], constraints: [], error: batchError as Error }]]);
      }
      const out = new Map<number, RelationDetails>();
      for (const relation of relations) {
        const single = await this.readResilient([relation]);
        out.set(relation.oid, single.get(relation.oid) as RelationDetails);
      }
      return out;
    }
  }

  /** Like readResilient, but a table whose defaults cannot be read only loses its DDL. */
  private async readDefaults(tables: RelationRow[], details: Map<number, RelationDetails>): Promise<void> {
    if (tables.length === 0) return;
    let rows: ColumnDefaultRow[];
    try {
      const generatedIn = tables.filter((t) => details.get(t.oid)?.columns.some((c) => c.generated !== '')).map((t) => t.oid);
      rows = await this.reader.columnDefaults(
        tables.map((t) => t.oid),
        generatedIn,
      );
    } catch (error) {
      // Sent without its DDL, a table would erase the DDL the server holds: a lost session stops the run instead.
      if (isConnectionLoss(error)) throw error;
      if (tables.length === 1) {
        const table = details.get(tables[0].oid) as RelationDetails;
        table.defaultsError = error as Error;
        delete table.defaults; // a DDL without its defaults would be wrong, not just short
        return;
      }
      for (const table of tables) await this.readDefaults([table], details);
      return;
    }
    for (const row of rows) details.get(row.tableOid)?.defaults?.set(row.attnum, row.expression);
  }

  async details(relation: RelationRow): Promise<RelationDetails> {
    const index = this.batchOf.get(relation.oid);
    if (index === undefined) throw new Error(`relation ${relation.name} is not part of this run`);
    this.loaded.delete(index - 1); // the consumer has moved on: let the previous batch be collected
    if (index + 1 < this.batches.length) void this.load(index + 1);
    const batch = await this.load(index);
    return batch.get(relation.oid) as RelationDetails;
  }
}
