import type { OpenMetadataClient, StoredEntity } from '../openmetadata/openmetadata-client.js';
import { oncePerName } from '../util/once-per-key.js';

/** A table on the server: its id and its columns' FQNs (nested ones included). */
export interface StoredTable {
  id: string;
  columns: Set<string>;
}

function columnFqns(columns: unknown, into = new Set<string>()): Set<string> {
  for (const column of (columns as Array<{ fullyQualifiedName?: string; children?: unknown }> | undefined) ?? []) {
    if (column.fullyQualifiedName) into.add(column.fullyQualifiedName);
    columnFqns(column.children, into);
  }
  return into;
}

/** Tables by FQN, each looked up once per run (with its columns) however many records name it. */
export class TableLookup {
  readonly get: (fqn: string) => Promise<StoredTable | undefined>;

  constructor(client: OpenMetadataClient) {
    this.get = oncePerName((fqn) =>
      client
        .getByName('tables', fqn, 'columns')
        .then((entity: StoredEntity | undefined) => (entity ? { id: entity.id, columns: columnFqns(entity.columns) } : undefined)),
    );
  }
}

/** The warning for a record about a table the server does not hold. */
export const missingTable = (fqn: string): string => `table ${fqn} is not on the server (run the metadata workflow first)`;
