import { isObject, text, type Json } from './json-fields.js';
export interface CatalogColumn {
  name: string;
  type?: string;
  index?: number;
  comment?: string;
}

/** What `dbt docs generate` found in the database for one relation. */
export interface CatalogEntry {
  owner?: string;
  comment?: string;
  /** Columns by lower-cased name: dbt's own column names and the database's may differ in case. */
  columns: Map<string, CatalogColumn>;
}

/** catalog.json's relations by unique id (nodes and sources alike). */
export function readCatalog(document: Json): Map<string, CatalogEntry> {
  const entries = new Map<string, CatalogEntry>();
  for (const group of [document.nodes, document.sources]) {
    if (!isObject(group)) continue;
    for (const [id, raw] of Object.entries(group)) {
      if (!isObject(raw)) continue;
      const metadata = isObject(raw.metadata) ? raw.metadata : {};
      const columns = new Map<string, CatalogColumn>();
      for (const [key, column] of Object.entries(isObject(raw.columns) ? raw.columns : {})) {
        if (!isObject(column)) continue;
        const name = text(column.name) ?? key;
        const type = text(column.type);
        const comment = text(column.comment);
        columns.set(name.toLowerCase(), {
          name,
          ...(type ? { type } : {}),
          ...(typeof column.index === 'number' ? { index: column.index } : {}),
          ...(comment ? { comment } : {}),
        });
      }
      const owner = text(metadata.owner);
      const comment = text(metadata.comment);
      entries.set(id, { ...(owner ? { owner } : {}), ...(comment ? { comment } : {}), columns });
    }
  }
  return entries;
}
