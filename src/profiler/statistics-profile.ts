import type { SourcePool } from '../postgres/source-pool.js';
import type { ColumnKind } from './column-kinds.js';
import { formatBound } from './histogram.js';
import type { ColumnMetric } from './metrics.js';
import type { ColumnProfileBody, TableProfileData } from './table-profile.js';

/** What Postgres's statistics say of a table (ANALYZE's sample), for tables that are not read. */
const TABLE_STATISTICS_SQL = `
select c.reltuples::float8 as reltuples, st.n_live_tup::float8 as live_rows,
  case when c.relkind in ('r', 'p', 'm') then pg_catalog.pg_total_relation_size(c.oid)::int8 end as size
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_stat_all_tables st on st.relid = c.oid
where n.nspname = $1 and c.relname = $2`;

/** pg_stats shows a column only to a role that may read it: what is hidden is left out, never guessed. */
const COLUMN_STATISTICS_SQL = `
select s.attname as name, s.null_frac::float8 as null_frac, s.n_distinct::float8 as n_distinct,
  s.histogram_bounds::text as bounds, s.most_common_vals::text as common
from pg_catalog.pg_stats s
where s.schemaname = $1 and s.tablename = $2 and not s.inherited`;

export interface StatisticsColumn {
  name: string;
  kind: ColumnKind;
  reported: ReadonlySet<ColumnMetric>;
}

/** The elements of an array's text form (`{1,2,"a b"}`), unquoted. */
export function arrayElements(text: string | null): string[] {
  if (!text || text.length < 2) return [];
  const out: string[] = [];
  let i = 1;
  while (i < text.length - 1) {
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i];
        i++;
      }
      i++;
    } else {
      while (i < text.length - 1 && text[i] !== ',') value += text[i++];
    }
    out.push(value);
    i++; // the comma
  }
  return out;
}

const numbers = (values: string[]): number[] => values.map(Number).filter((n) => Number.isFinite(n));

/** `2024-01-01 10:00:00+00` (Postgres's text) as ISO 8601: `2024-01-01T10:00:00+00:00`. */
const isoDateTime = (text: string): string => text.replace(' ', 'T').replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2})$/, '$1:00');

/**
 * A table's profile from the catalog alone: row count (live tuples, else the planner's estimate), size, and per
 * column the null fraction, the distinct estimate and bounds from ANALYZE's histogram and most common values. Every
 * figure is an estimate; the run's status says which tables were profiled so.
 */
export async function statisticsProfile(
  pool: SourcePool,
  table: { fqn: string; schema: string; name: string; columnCount: number },
  columns: readonly StatisticsColumn[],
  timestamp: number,
): Promise<TableProfileData> {
  const [facts] = await pool.query<{ reltuples: number; live_rows: number | null; size: string | null }>(TABLE_STATISTICS_SQL, [
    table.schema,
    table.name,
  ]);
  // ANALYZE's count when there is one (live tuples may count a batch twice while its statistics are flushed), else
  // the live tuples of a table never analysed (reltuples -1 from Postgres 14, 0 before).
  const rows = Math.max(0, Math.round(facts && facts.reltuples > 0 ? facts.reltuples : (facts?.live_rows ?? 0)));
  const stats = new Map(
    (
      await pool.query<{ name: string; null_frac: number; n_distinct: number; bounds: string | null; common: string | null }>(COLUMN_STATISTICS_SQL, [
        table.schema,
        table.name,
      ])
    ).map((row) => [row.name, row]),
  );
  const columnProfile: ColumnProfileBody[] = [];
  for (const column of columns) {
    const stat = stats.get(column.name);
    if (!stat) continue;
    const nullCount = Math.round(stat.null_frac * rows);
    const valuesCount = rows - nullCount;
    const distinctCount = stat.n_distinct >= 0 ? Math.round(stat.n_distinct) : Math.round(-stat.n_distinct * rows);
    const all: Partial<ColumnProfileBody> = { valuesCount, nullCount, nullProportion: stat.null_frac, distinctCount };
    if (valuesCount > 0) {
      all.distinctProportion = Math.min(1, distinctCount / valuesCount);
      all.duplicateCount = Math.max(0, valuesCount - distinctCount);
    }
    const values = [...arrayElements(stat.bounds), ...arrayElements(stat.common)];
    if (column.kind === 'quantifiable') {
      const sample = numbers(values);
      if (sample.length > 0) {
        all.min = Math.min(...sample);
        all.max = Math.max(...sample);
      }
      const bounds = numbers(arrayElements(stat.bounds));
      if (bounds.length >= 2 && valuesCount > 0) {
        // ANALYZE's histogram holds equal shares of the values outside the most common ones.
        const share = Math.round(valuesCount / (bounds.length - 1));
        all.histogram = {
          boundaries: bounds.slice(0, -1).map((low, i) => `${formatBound(low)} to ${formatBound(bounds[i + 1] as number)}`),
          frequencies: bounds.slice(0, -1).map(() => share),
        };
      }
    } else if (column.kind === 'datetime' && values.length > 0) {
      const sorted = values
        .filter((v) => /^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(v))
        .map(isoDateTime)
        .sort();
      if (sorted.length > 0) {
        all.min = sorted[0];
        all.max = sorted[sorted.length - 1];
      }
    }
    const out: ColumnProfileBody = { name: column.name, timestamp };
    for (const metric of column.reported) {
      const value = all[metric as keyof typeof all];
      if (value !== undefined) (out as Record<string, unknown>)[metric] = value;
    }
    columnProfile.push(out);
  }
  return {
    table: { type: 'table', fullyQualifiedName: table.fqn },
    tableProfile: {
      timestamp,
      columnCount: table.columnCount,
      rowCount: rows,
      ...(facts?.size !== null && facts?.size !== undefined ? { sizeInByte: Number(facts.size) } : {}),
    },
    columnProfile,
  };
}
