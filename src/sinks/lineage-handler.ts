import type { AddLineageData, ClearViewLineageData, ColumnLineage } from '../lineage/lineage-request.js';
import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import { oncePerName } from '../util/once-per-key.js';
import { missingTable, type StoredTable, type TableLookup } from './table-lookup.js';

/**
 * What became of one record: sent (perhaps with a part left out, worth a warning), or skipped with a reason that is
 * a warning rather than the server's refusal.
 */
export type DeliveryOutcome = { sent: true; warning?: string } | { sent: false; warning: string };

/**
 * Sends lineage edges (PUT /v1/lineage). Tables are looked up by FQN once per run (with their columns, so column
 * pairs the server does not know are dropped as OpenMetadata drops them), and an edge the server already holds keeps
 * the columns it had: the new ones are added to them. When view lineage is to be overridden, the view lineage the
 * server holds into a view is deleted once per run before its first new edge (or when the run says the view has none
 * now), so an edge from a table the view no longer reads goes too; edges of other sources (drawn by hand, from
 * queries) stay.
 */
export class LineageHandler {
  /** A stored procedure's id by FQN. */
  private readonly procedure = oncePerName((fqn) => this.client.getByName('storedProcedures', fqn).then((entity) => entity?.id));
  /** DELETE of one view's view lineage (by its path), once per view: every edge of this run waits for it. */
  private readonly deleteOnce = oncePerName((path) => this.client.http.request('DELETE', path));
  /** Views a record of this run said to clear (by FQN): their edges replace, whatever the pushing config says. */
  private readonly clearing = new Set<string>();

  constructor(
    private readonly client: OpenMetadataClient,
    private readonly tables: TableLookup,
    private readonly overrideViewLineage: boolean,
  ) {}

  async deliver(data: AddLineageData): Promise<DeliveryOutcome> {
    const { fromEntity, toEntity, lineageDetails } = data.edge;
    const [from, to] = await Promise.all([this.tables.get(fromEntity.fullyQualifiedName), this.tables.get(toEntity.fullyQualifiedName)]);
    for (const [name, table] of [
      [fromEntity.fullyQualifiedName, from],
      [toEntity.fullyQualifiedName, to],
    ] as const) {
      if (!table) return { sent: false, warning: `${missingTable(name)}: edge not sent` };
    }
    const source = from as StoredTable;
    const target = to as StoredTable;
    let columnsLineage = known(lineageDetails.columnsLineage, source, target);
    const replaces = this.overrideViewLineage || this.clearing.has(toEntity.fullyQualifiedName);
    if (lineageDetails.source === 'ViewLineage' && replaces) {
      await this.clearViewLineage(target.id, toEntity.type);
    } else {
      columnsLineage = mergeColumns(await this.storedColumns(source.id, target.id), columnsLineage);
    }
    const { pipeline, ...details } = lineageDetails;
    // The stored procedure an edge comes from is shown on it when the server holds the procedure (metadata ran).
    const procedure = pipeline ? await this.procedure(pipeline.fullyQualifiedName) : undefined;
    await this.client.http.request('PUT', 'lineage', {
      edge: {
        fromEntity: { id: source.id, type: fromEntity.type },
        toEntity: { id: target.id, type: toEntity.type },
        lineageDetails: { ...details, columnsLineage, ...(procedure ? { pipeline: { id: procedure, type: 'storedProcedure' } } : {}) },
      },
    });
    return { sent: true };
  }

  /**
   * A view whose view lineage this run replaces, edges or none: what the server holds into it goes first. The view is
   * noted before anything is awaited: its edges, delivered after this record, then wait for the delete even when the
   * config that pushes a file has no overrideViewLineage. A view the server lacks holds no lineage to clear.
   */
  clear(data: ClearViewLineageData): Promise<DeliveryOutcome> {
    const fqn = data.view?.fullyQualifiedName ?? '?';
    this.clearing.add(fqn);
    return this.tables.get(fqn).then(async (view) => {
      if (view) await this.clearViewLineage(view.id, 'table');
      return { sent: true };
    });
  }

  /** DELETE /v1/lineage/{type}/{id}/type/ViewLineage, once per view. */
  private clearViewLineage(viewId: string, type: string): Promise<unknown> {
    return this.deleteOnce(`lineage/${encodeURIComponent(type)}/${encodeURIComponent(viewId)}/type/ViewLineage`);
  }

  /** The column lineage of the edge the server holds, if it holds one. */
  private async storedColumns(fromId: string, toId: string): Promise<ColumnLineage[]> {
    try {
      // OpenMetadata answers `{"edge": <the edge's lineageDetails>}`.
      const response = await this.client.http.request<{ edge?: { columnsLineage?: ColumnLineage[] } }>(
        'GET',
        `lineage/getLineageEdge/${encodeURIComponent(fromId)}/${encodeURIComponent(toId)}`,
        undefined,
        true,
      );
      if (response.status !== 200) return [];
      return response.body?.edge?.columnsLineage ?? [];
    } catch (error) {
      if (error instanceof OpenMetadataApiError && error.status < 500) return [];
      throw error;
    }
  }
}

function known(lineage: ColumnLineage[], from: StoredTable, to: StoredTable): ColumnLineage[] {
  return lineage.flatMap((pair) => {
    const fromColumns = pair.fromColumns.filter((fqn) => from.columns.has(fqn));
    return fromColumns.length > 0 && to.columns.has(pair.toColumn) ? [{ ...pair, fromColumns }] : [];
  });
}

/** Set union per target column, in a stable order. */
export function mergeColumns(stored: ColumnLineage[], added: ColumnLineage[]): ColumnLineage[] {
  const merged = new Map<string, Set<string>>();
  for (const pair of [...stored, ...added]) {
    if (!pair.toColumn) continue;
    const sources = merged.get(pair.toColumn) ?? new Set<string>();
    for (const column of pair.fromColumns ?? []) sources.add(column);
    merged.set(pair.toColumn, sources);
  }
  return [...merged]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([toColumn, fromColumns]) => ({ fromColumns: [...fromColumns].sort(), toColumn }));
}
