import pg from 'pg';

/** Top-level statements since the last reset, grouped by catalog query; our own pg_stat_statements reads left out. */
export interface ServerStat {
  name: string;
  calls: number;
  ms: number;
  rows: number;
}

const QUERY_KINDS: [RegExp, string][] = [
  [/pg_get_viewdef/, 'view definitions'],
  [/union all\s+select p\.pronamespace/, 'extension members'],
  [/with recursive used/, 'types'],
  [/from pg_catalog\.pg_attrdef/, 'column defaults'],
  [/from pg_catalog\.pg_constraint/, 'constraints'],
  [/from pg_catalog\.pg_attribute a\s+left join pg_catalog\.pg_description|format_type/, 'columns'],
  [/from pg_catalog\.pg_class c\s+left join pg_catalog\.pg_description/, 'relations'],
  [/pg_catalog\.pg_policy/, 'policies'],
  [/pg_catalog\.pg_proc/, 'routines'],
  [/from pg_catalog\.pg_namespace n/, 'schemas'],
  [/pg_catalog\.pg_database/, 'database'],
  [/current_setting/, 'server version (connect)'],
];

function kindOf(query: string): string {
  for (const [re, name] of QUERY_KINDS) if (re.test(query)) return name;
  return query.replace(/\s+/g, ' ').slice(0, 60);
}

/** Server-side time per catalog query (pg_stat_statements), reset before and read after each run. */
export class ServerStats {
  private constructor(
    private readonly client: pg.Client,
    private readonly major: number,
  ) {}

  static async open(url: string): Promise<ServerStats> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The server preloads the library; the view needs the extension in this database. Its objects belong to the
    // extension, so the workflow leaves them out.
    await client.query('create extension if not exists pg_stat_statements');
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    return new ServerStats(client, Math.floor(Number(rows[0].v) / 10_000));
  }

  async reset(): Promise<void> {
    await this.client.query('select pg_stat_statements_reset()');
  }

  async read(): Promise<ServerStat[]> {
    const { rows } = await this.client.query<{ query: string; calls: string; ms: number; rows: string }>(
      // total_time until Postgres 12; toplevel since 14 (before it nested statements count too: the worker has none).
      `select query, calls, ${this.major >= 13 ? 'total_exec_time' : 'total_time'} as ms, rows from pg_stat_statements
       where ${this.major >= 14 ? 'toplevel' : 'true'} and dbid = (select oid from pg_database where datname = current_database())
         and query not like '%pg_stat_statements%'`,
    );
    const byKind = new Map<string, ServerStat>();
    for (const r of rows) {
      const name = kindOf(r.query);
      const s = byKind.get(name) ?? { name, calls: 0, ms: 0, rows: 0 };
      s.calls += Number(r.calls);
      s.ms += Number(r.ms);
      s.rows += Number(r.rows);
      byKind.set(name, s);
    }
    return [...byKind.values()].sort((a, b) => b.ms - a.ms);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
