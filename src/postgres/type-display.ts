import type { TypeDictionary } from './pg-type.js';

const PUBLIC_PREFIX = 'public.';

/**
 * format_type's text as a session on Postgres's default search_path ("$user", public) prints it, which is what
 * OpenMetadata's own ingestion stores as dataTypeDisplay. Worker sessions resolve names in pg_catalog alone (see
 * connection-settings), so format_type qualifies every type of `public` there: `public.mood[]` is shown as `mood[]`
 * again, unless a catalog type of the same name would hide it on the default path too.
 */
export function displayOnDefaultPath(display: string, typeOid: number, types: TypeDictionary): string {
  if (!display.startsWith(PUBLIC_PREFIX)) return display;
  let type = types.get(typeOid);
  if (type && type.category === 'A' && type.element !== 0) type = types.get(type.element);
  // A domain prints as itself, so its own schema decides (not its base type's).
  if (!type || type.schema !== 'public' || type.shadowedByCatalog) return display;
  return display.slice(PUBLIC_PREFIX.length);
}
