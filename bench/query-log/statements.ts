/**
 * Statements a warehouse's query log holds, made up over the bench catalog (catalog.ts): reads (joins and filters,
 * aggregates, window functions, subqueries, UNION, CTEs, recursive CTEs) and writes (INSERT … SELECT over 2–5
 * joins, CREATE TABLE AS, UPDATE … FROM, MERGE, DELETE … USING, INSERT … VALUES), with a few statements that touch
 * no table, catalog introspection by BI tools, BEGIN/…/COMMIT batches and statements Postgres refuses. Literals,
 * aliases, column choices, layout (one line or several), keyword case and tool comments vary, so nearly every text
 * is distinct. Each statement comes with the tables it reads and writes, which is what usage and lineage should find.
 */
import { SCRATCH_SCHEMA, type Catalog, type Column, type Role, type Table } from './catalog.js';
import type { Rng } from './rng.js';

export type StatementKind =
  | 'select-join'
  | 'select-aggregate'
  | 'select-window'
  | 'select-subquery'
  | 'select-union'
  | 'select-cte'
  | 'select-recursive-cte'
  | 'insert-select'
  | 'create-table-as'
  | 'update-from'
  | 'merge'
  | 'delete'
  | 'insert-values'
  | 'transaction'
  | 'no-table'
  | 'system-catalog'
  | 'unparseable';

/** Share of each kind, in percent of the statements (about 60 % reads). */
export const KIND_WEIGHTS: Readonly<Record<StatementKind, number>> = {
  'select-join': 18,
  'select-aggregate': 12,
  'select-window': 8,
  'select-subquery': 8,
  'select-union': 5,
  'select-cte': 6,
  'select-recursive-cte': 3,
  'insert-select': 14,
  'create-table-as': 5,
  'update-from': 7,
  merge: 5,
  delete: 3,
  'insert-values': 2,
  transaction: 0.8,
  'no-table': 1.2,
  'system-catalog': 1.2,
  unparseable: 0.3,
};

export interface GeneratedStatement {
  kind: StatementKind;
  role: Role;
  text: string;
  /** Tables read, `schema.name`. */
  reads: Set<string>;
  /** Tables written that lineage names as targets (INSERT, UPDATE, MERGE, CREATE TABLE AS). */
  targets: Set<string>;
  /** Tables a DELETE removes rows from: used by the statement, but no lineage target. */
  deleted: Set<string>;
  parseable: boolean;
}

interface Source {
  table: Table;
  alias: string;
}

interface ColumnRef {
  source: Source;
  column: Column;
}

const LAYER: Record<string, number> = { raw: 0, staging: 1, core: 2, finance: 2, mart: 3 };

const TEXT_VALUES: Record<string, string[]> = {
  status: ['paid', 'open', 'shipped', 'cancelled', 'returned', 'pending', 'failed', 'refunded'],
  channel: ['web', 'store', 'app', 'partner', 'phone', 'marketplace'],
  region: ['north', 'south', 'east', 'west', 'emea', 'apac', 'latam'],
  country: ['US', 'DE', 'FR', 'GB', 'BR', 'IN', 'JP', 'CA', 'NL', 'ES'],
  currency: ['USD', 'EUR', 'GBP', 'JPY', 'BRL', 'CAD'],
  category: ['apparel', 'electronics', 'grocery', 'home', 'toys', 'beauty', 'sports', 'garden'],
  segment: ['consumer', 'smb', 'enterprise', 'vip', 'wholesale'],
  source_system: ['shopify', 'sap', 'salesforce', 'pos', 'legacy', 'stripe'],
  city: ['Berlin', 'Paris', 'Austin', 'Osaka', 'Lyon', 'Leeds', 'Recife', 'Pune', 'Toronto'],
};

const NAME_PREFIXES = ['Ada', 'Lin', 'Gra', 'Ken', 'Bar', 'Mar', 'Jo', 'Ali', 'Tom', 'Eva', 'Sam', "O''Br"];

const CTAS_NAMES = [
  'orders_snapshot',
  'customer_extract',
  'revenue_check',
  'dedup_customers',
  'backfill',
  'sales_by_region',
  'adhoc_analysis',
  'churn_sample',
  'inventory_gap',
  'promo_uplift',
  'late_shipments',
  'refund_audit',
];

const CTE_NAMES = ['base', 'recent', 'filtered', 'totals', 'ranked', 'agg', 'src', 'latest', 'daily', 'per_key', 'scored', 'cohort'];

const KEYWORDS = new Set(
  (
    'select from where join left inner outer on and or group by order having limit as insert into values update set delete using ' +
    'merge when matched then not with recursive union all distinct case else end in exists between like is null over partition ' +
    'desc asc create table if temp unlogged conflict do begin commit returning sum count avg min max coalesce row_number rank ' +
    'dense_rank lag lead round lower upper date_trunc extract true false interval date nulls first last'
  ).split(' '),
);

/** Upper-cases SQL keywords outside quoted strings and identifiers (as BI tools and some people write). */
function upperKeywords(sql: string): string {
  return sql
    .split(/('(?:[^']|'')*'|"[^"]*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[a-z_]+/g, (word) => (KEYWORDS.has(word) ? word.toUpperCase() : word))))
    .join('');
}

const pad = (n: number): string => String(n).padStart(2, '0');

class Builder {
  readonly reads = new Set<string>();
  readonly targets = new Set<string>();
  readonly deleted = new Set<string>();
  private readonly aliases = new Set<string>();
  /** Line break between clauses: a new line (with indentation for nested parts) or a space. */
  readonly nl: string;
  readonly nl2: string;

  constructor(
    readonly rng: Rng,
    readonly catalog: Catalog,
    readonly role: Role,
    multiLine: boolean,
  ) {
    this.nl = multiLine ? '\n' : ' ';
    this.nl2 = multiLine ? '\n  ' : ' ';
  }

  /** The table's name as the statement writes it: unqualified when the role's search_path finds it, sometimes quoted. */
  ref(table: Table): string {
    if (this.role.searchPath?.includes(table.schema) && this.rng.chance(0.6)) return table.name;
    if (this.rng.chance(0.03)) return `"${table.schema}"."${table.name}"`;
    return `${table.schema}.${table.name}`;
  }

  key = (table: Table): string => `${table.schema}.${table.name}`;

  alias(table: Table): string {
    const initials = table.name
      .split('_')
      .map((w) => w[0])
      .join('');
    const style = this.rng.int(0, 5);
    let base = [
      initials,
      table.name.slice(0, 3),
      `t${this.aliases.size + 1}`,
      `${initials}${this.rng.int(1, 9)}`,
      table.name.split('_').pop() ?? 't',
      initials,
    ][style];
    if (KEYWORDS.has(base) || ['do', 'to', 'is', 'as', 'or', 'on', 'in', 'by', 'fa'].includes(base)) base = `${base}_`;
    let alias = base;
    for (let i = 2; this.aliases.has(alias); i++) alias = `${base}${i}`;
    this.aliases.add(alias);
    return alias;
  }

  /** A name for a CTE, derived table or MERGE source that no alias of the statement has. */
  name(candidates: string[]): string {
    const free = candidates.filter((c) => !this.aliases.has(c));
    const name = free.length > 0 ? this.rng.pick(free) : `${candidates[0]}${this.aliases.size}`;
    this.aliases.add(name);
    return name;
  }

  source(table: Table): Source {
    this.reads.add(this.key(table));
    return { table, alias: this.alias(table) };
  }

  /** `ref alias`, sometimes with AS. */
  fromItem(s: Source): string {
    return `${this.ref(s.table)}${this.rng.chance(0.25) ? ' as' : ''} ${s.alias}`;
  }

  col = (r: ColumnRef): string => `${r.source.alias}.${r.column.name}`;

  columnsOf(sources: Source[], kinds?: Column['kind'][]): ColumnRef[] {
    return sources.flatMap((source) => source.table.columns.filter((c) => !kinds || kinds.includes(c.kind)).map((column) => ({ source, column })));
  }

  pickColumn(sources: Source[], kinds?: Column['kind'][]): ColumnRef {
    const all = this.columnsOf(sources, kinds);
    return this.rng.pick(all.length > 0 ? all : this.columnsOf(sources));
  }

  date(): string {
    return `2026-${pad(this.rng.int(9, 11))}-${pad(this.rng.int(1, 28))}`;
  }

  timestamp(): string {
    return `${this.date()} ${pad(this.rng.int(0, 23))}:${pad(this.rng.int(0, 59))}:${pad(this.rng.int(0, 59))}`;
  }

  literal(column: Column): string {
    const { rng } = this;
    switch (column.kind) {
      case 'int':
        if (column.name === 'date_key') return String(20260000 + rng.int(9, 11) * 100 + rng.int(1, 28));
        return String(column.name.endsWith('_id') ? rng.int(1, 5_000_000) : rng.int(1, 500));
      case 'num':
        return (rng.next() * (rng.chance(0.5) ? 100 : 5000)).toFixed(rng.pick([0, 1, 2, 2]));
      case 'text': {
        const values = TEXT_VALUES[column.name];
        if (values) return `'${rng.pick(values)}'`;
        if (column.name === 'email') return `'${rng.pick(NAME_PREFIXES).toLowerCase().replace("''", '')}${rng.int(1, 9999)}@example.com'`;
        if (column.name === 'sku') return `'SKU-${rng.int(10000, 99999)}'`;
        return `'${rng.pick(NAME_PREFIXES)}${rng.int(1, 999)}'`;
      }
      case 'date':
        return rng.chance(0.7) ? `'${this.date()}'` : `date '${this.date()}'`;
      case 'ts':
        return rng.chance(0.6) ? `'${this.timestamp()}'` : `now() - interval '${rng.int(1, 90)} ${rng.pick(['days', 'hours', 'minutes'])}'`;
      case 'bool':
        return rng.pick(['true', 'false']);
      case 'json':
        return `'{"v": ${rng.int(1, 99)}}'`;
    }
  }

  filter(r: ColumnRef): string {
    const { rng } = this;
    const c = this.col(r);
    if (rng.chance(0.06)) return `${c} is ${rng.chance(0.7) ? 'not ' : ''}null`;
    switch (r.column.kind) {
      case 'int':
      case 'num': {
        const v = () => this.literal(r.column);
        return rng.pick([
          () => `${c} > ${v()}`,
          () => `${c} >= ${v()}`,
          () => `${c} < ${v()}`,
          () => `${c} = ${v()}`,
          () => `${c} between ${v()} and ${v()}`,
          () => `${c} in (${[v(), v(), v()].join(', ')})`,
          () => `coalesce(${c}, 0) <> ${v()}`,
        ])();
      }
      case 'text': {
        const v = () => this.literal(r.column);
        return rng.pick([
          () => `${c} = ${v()}`,
          () => `${c} <> ${v()}`,
          () => `${c} in (${v()}, ${v()})`,
          () => `${c} not in (${v()}, ${v()}, ${v()})`,
          () => `${c} like '${rng.pick(NAME_PREFIXES)}%'`,
          () => `lower(${c}) = lower(${v()})`,
        ])();
      }
      case 'date':
      case 'ts':
        return rng.pick([
          () => `${c} >= ${this.literal(r.column)}`,
          () => `${c} < ${this.literal(r.column)}`,
          () => `${c} between '${this.date()}' and '${this.date()}'`,
          () => `date_trunc('${rng.pick(['day', 'week', 'month'])}', ${c}) = '${this.date()}'`,
          () => `${c} >= current_date - ${rng.int(1, 60)}`,
        ])();
      case 'bool':
        return rng.pick([c, `not ${c}`, `${c} is true`, `${c} = ${this.literal(r.column)}`]);
      case 'json':
        return rng.pick([
          `${c} ->> 'k${rng.int(1, 9)}' = 'v${rng.int(1, 99)}'`,
          `${c} ? 'k${rng.int(1, 9)}'`,
          `(${c} ->> 'n')::int > ${rng.int(1, 99)}`,
        ]);
    }
  }

  /** 1–`max` conditions on the sources' columns, joined by AND (now and then one OR group). */
  where(sources: Source[], min: number, max: number): string {
    const n = this.rng.int(min, max);
    const parts = Array.from({ length: n }, () => this.filter(this.pickColumn(sources)));
    if (n >= 3 && this.rng.chance(0.2)) parts.splice(0, 2, `(${parts[0]} or ${parts[1]})`);
    return parts.join(`${this.nl2}and `);
  }

  /** A plain or derived output column. */
  selectItem(r: ColumnRef): string {
    const { rng } = this;
    const c = this.col(r);
    const as = (name: string): string => `${rng.chance(0.85) ? ' as' : ''} ${name}`;
    if (rng.chance(0.65)) return rng.chance(0.15) ? `${c}${as(`${r.source.alias}_${r.column.name}`)}` : c;
    switch (r.column.kind) {
      case 'num':
      case 'int':
        return rng.pick([
          () => `coalesce(${c}, 0)${as(r.column.name)}`,
          () => `round(${c} * ${(1 + rng.next()).toFixed(2)}, 2)${as(`${r.column.name}_adj`)}`,
          () => `case when ${c} > ${this.literal(r.column)} then 'high' else 'low' end${as(`${r.column.name}_band`)}`,
        ])();
      case 'text':
        return rng.pick([`upper(${c})${as(r.column.name)}`, `coalesce(${c}, 'unknown')${as(r.column.name)}`, `trim(${c})${as(r.column.name)}`]);
      case 'date':
      case 'ts':
        return rng.pick([
          `date_trunc('${rng.pick(['day', 'week', 'month'])}', ${c})${as(`${r.column.name}_bucket`)}`,
          `${c}::date${as(`${r.column.name}_day`)}`,
          `extract(${rng.pick(['year', 'month', 'dow', 'hour'])} from ${c})${as(`${r.column.name}_part`)}`,
        ]);
      default:
        return c;
    }
  }

  selectList(sources: Source[], min: number, max: number): string {
    const refs = this.rng.sample(this.columnsOf(sources), this.rng.int(min, max));
    return refs.map((r) => this.selectItem(r)).join(`,${this.nl2}`);
  }

  aggregate(r: ColumnRef): string {
    const c = this.col(r);
    const name = `${this.rng.pick(['total', 'sum', 'avg', 'max', 'min'])}_${r.column.name}`;
    if (r.column.kind === 'num' || r.column.kind === 'int')
      return `${this.rng.pick(['sum', 'avg', 'max', 'min'])}(${c})${this.rng.chance(0.8) ? ` as ${name}` : ''}`;
    if (r.column.kind === 'date' || r.column.kind === 'ts')
      return `${this.rng.pick(['max', 'min'])}(${c}) as ${this.rng.pick(['last', 'first'])}_${r.column.name}`;
    return `count(distinct ${c}) as n_${r.column.name}`;
  }

  /** Tables sharing a key with one of `sources`, preferring `schemas` when any there do. */
  joinable(sources: Source[], exclude: Set<string>, schemas?: string[]): { table: Table; partner: Source; key: string }[] {
    const out: { table: Table; partner: Source; key: string }[] = [];
    for (const table of this.catalog.tables) {
      if (exclude.has(this.key(table)) || sources.some((s) => s.table === table)) continue;
      for (const partner of sources) {
        const key = table.keys.find((k) => partner.table.keys.includes(k));
        if (key) {
          out.push({ table, partner, key });
          break;
        }
      }
    }
    const preferred = schemas ? out.filter((c) => schemas.includes(c.table.schema)) : [];
    return preferred.length > 0 && this.rng.chance(0.8) ? preferred : out;
  }

  /** FROM over `tables` tables starting at `start`, each joined on a key it shares with one before it. */
  fromPath(start: Table, tables: number, exclude: Set<string> = new Set(), schemas?: string[]): { sources: Source[]; text: string } {
    const sources = [this.source(start)];
    const lines = [`from ${this.fromItem(sources[0])}`];
    for (let i = 1; i < tables; i++) {
      const candidates = this.joinable(sources, exclude, schemas);
      if (candidates.length === 0) break;
      const { table, partner, key } = this.rng.pick(candidates);
      const s = this.source(table);
      const kind = this.rng.pick(['join', 'join', 'inner join', 'left join', 'left join', 'left outer join']);
      let on = `${s.alias}.${key} = ${partner.alias}.${key}`;
      if (this.rng.chance(0.1)) on += ` and ${this.filter(this.pickColumn([s]))}`;
      lines.push(`${kind} ${this.fromItem(s)} on ${on}`);
      sources.push(s);
    }
    return { sources, text: lines.join(this.nl) };
  }

  tablesIn(schemas: string[]): Table[] {
    return this.catalog.tables.filter((t) => schemas.includes(t.schema));
  }

  /** Where a role's reads start. */
  readSchemas(): string[] {
    switch (this.role.name) {
      case 'analyst':
      case 'bi_tool':
        return this.rng.chance(0.8) ? ['mart', 'core'] : ['finance', 'core'];
      case 'dbt':
        return ['staging', 'core'];
      case 'etl':
        return ['raw', 'staging', 'finance'];
      default:
        return ['core', 'mart', 'raw'];
    }
  }

  orderLimit(sources: Source[]): string {
    let out = '';
    if (this.rng.chance(0.4)) out += `${this.nl}order by ${this.col(this.pickColumn(sources))}${this.rng.chance(0.5) ? ' desc' : ''}`;
    if (this.rng.chance(0.3)) out += `${this.nl}limit ${this.rng.pick([10, 50, 100, 500, 1000, 5000])}`;
    return out;
  }
}

// ---- reads -------------------------------------------------------------------------------------------------------

function selectJoin(b: Builder): string {
  const from = b.fromPath(b.rng.pick(b.tablesIn(b.readSchemas())), b.rng.int(1, 4));
  const distinct = b.rng.chance(0.05) ? 'distinct ' : '';
  return `select ${distinct}${b.selectList(from.sources, 2, 8)}${b.nl}${from.text}${b.nl}where ${b.where(from.sources, 1, 4)}${b.orderLimit(from.sources)}`;
}

function selectAggregate(b: Builder): string {
  const from = b.fromPath(b.rng.pick(b.tablesIn(b.readSchemas())), b.rng.int(1, 4));
  const dims = b.rng.sample(b.columnsOf(from.sources, ['text', 'date', 'int', 'bool']), b.rng.int(1, 3));
  const measures = b.rng.sample(b.columnsOf(from.sources), b.rng.int(1, 4)).map((r) => b.aggregate(r));
  if (b.rng.chance(0.6)) measures.push(`count(*)${b.rng.chance(0.7) ? ' as n' : ''}`);
  const items = [...dims.map((d) => b.col(d)), ...measures];
  const groupBy = b.rng.chance(0.5) ? dims.map((_, i) => String(i + 1)).join(', ') : dims.map((d) => b.col(d)).join(', ');
  const having = b.rng.chance(0.25) ? `${b.nl}having count(*) > ${b.rng.int(1, 100)}` : '';
  const order = b.rng.chance(0.5) ? `${b.nl}order by ${dims.length + 1} desc${b.rng.chance(0.5) ? ` limit ${b.rng.int(5, 200)}` : ''}` : '';
  return `select ${items.join(`,${b.nl2}`)}${b.nl}${from.text}${b.nl}where ${b.where(from.sources, 1, 3)}${b.nl}group by ${groupBy}${having}${order}`;
}

function windowItems(b: Builder, sources: Source[]): string[] {
  const partition = b.col(b.pickColumn(sources, ['int', 'text']));
  const order = b.col(b.pickColumn(sources, ['ts', 'date', 'num']));
  const num = b.col(b.pickColumn(sources, ['num', 'int']));
  const frame = b.rng.chance(0.2) ? ` rows between ${b.rng.int(1, 6)} preceding and current row` : '';
  return b.rng.sample(
    [
      `row_number() over (partition by ${partition} order by ${order} desc) as rn`,
      `rank() over (partition by ${partition} order by ${num} desc) as rnk`,
      `sum(${num}) over (partition by ${partition}${frame ? ` order by ${order}${frame}` : ''}) as running_total`,
      `lag(${num}, ${b.rng.int(1, 3)}) over (partition by ${partition} order by ${order}) as prev_value`,
      `avg(${num}) over (partition by ${partition}) as avg_value`,
      `dense_rank() over (order by ${num} desc nulls last) as drnk`,
      `lead(${order}) over (partition by ${partition} order by ${order}) as next_at`,
    ],
    b.rng.int(1, 3),
  );
}

function selectWindow(b: Builder): string {
  const from = b.fromPath(b.rng.pick(b.tablesIn(b.readSchemas())), b.rng.int(1, 3));
  const items = [b.selectList(from.sources, 2, 5), ...windowItems(b, from.sources)];
  const inner = `select ${items.join(`,${b.nl2}`)}${b.nl}${from.text}${b.nl}where ${b.where(from.sources, 1, 3)}`;
  if (b.rng.chance(0.5) && items.some((i) => i.endsWith(' as rn'))) {
    const name = b.name(['ranked', 'w', 'numbered', 'x']);
    return `select *${b.nl}from (${b.nl}${inner}${b.nl}) ${name}${b.nl}where ${name}.rn <= ${b.rng.int(1, 10)}`;
  }
  return inner;
}

function selectSubquery(b: Builder): string {
  const from = b.fromPath(b.rng.pick(b.tablesIn(b.readSchemas())), b.rng.int(1, 3));
  const candidates = b.joinable(from.sources, new Set());
  const sub = b.rng.pick(candidates);
  const s = b.source(sub.table);
  const outerKey = `${sub.partner.alias}.${sub.key}`;
  const subRef = `${b.ref(s.table)} ${s.alias}`;
  const cond = b.filter(b.pickColumn([s]));
  const variant = b.rng.int(0, 4);
  let select = b.selectList(from.sources, 2, 6);
  let where = b.where(from.sources, 0, 2);
  let fromText = from.text;
  switch (variant) {
    case 0:
      where = `${outerKey} in (select ${s.alias}.${sub.key} from ${subRef} where ${cond})${where ? `${b.nl2}and ${where}` : ''}`;
      break;
    case 1:
      where = `${b.rng.chance(0.3) ? 'not ' : ''}exists (select 1 from ${subRef} where ${s.alias}.${sub.key} = ${outerKey} and ${cond})${where ? `${b.nl2}and ${where}` : ''}`;
      break;
    case 2: {
      const num = b.pickColumn([s], ['num', 'int']);
      const outer = b.pickColumn(from.sources, ['num', 'int']);
      where = `${b.col(outer)} > (select avg(${b.col(num)}) from ${subRef} where ${cond})${where ? `${b.nl2}and ${where}` : ''}`;
      break;
    }
    case 3:
      select += `,${b.nl2}(select count(*) from ${subRef} where ${s.alias}.${sub.key} = ${outerKey}) as n_${sub.table.name}`;
      break;
    default: {
      const num = b.pickColumn([s], ['num', 'int']);
      const d = b.name(['d', 'agg', 'sub', 'x']);
      fromText += `${b.nl}join (select ${s.alias}.${sub.key}, sum(${b.col(num)}) as total from ${subRef} where ${cond} group by ${s.alias}.${sub.key}) ${d} on ${d}.${sub.key} = ${outerKey}`;
      select += `,${b.nl2}${d}.total`;
    }
  }
  return `select ${select}${b.nl}${fromText}${where ? `${b.nl}where ${where}` : ''}${b.orderLimit(from.sources)}`;
}

function selectUnion(b: Builder): string {
  const start = b.rng.pick(b.tablesIn(b.readSchemas()));
  const key = b.rng.pick(start.keys.length > 0 ? start.keys : ['date_key']);
  const withKey = b.catalog.tables.filter((t) => t.keys.includes(key) && t !== start);
  const tables = [start, ...b.rng.sample(withKey, b.rng.int(1, 2))];
  const op = b.rng.pick(['union all', 'union all', 'union']);
  const branches = tables.map((t) => {
    const s = b.source(t);
    const num = b.pickColumn([s], ['num', 'int']);
    const label = `'${t.name}'`;
    const keyExpr = t.keys.includes(key) ? `${s.alias}.${key}` : 'null';
    return `select ${keyExpr}, ${label} as source, ${b.col(num)} as value, ${s.alias}.created_at${b.nl}from ${b.ref(t)} ${s.alias}${b.nl}where ${b.where([s], 1, 2)}`;
  });
  const body = branches.join(`${b.nl}${op}${b.nl}`);
  if (!b.rng.chance(0.3)) return body;
  const u = b.name(['u', 'all_rows', 'combined']);
  return `select ${u}.source, count(*), sum(${u}.value)${b.nl}from (${b.nl}${body}${b.nl}) ${u}${b.nl}group by ${u}.source`;
}

function selectCte(b: Builder): string {
  const names = [b.name(CTE_NAMES), b.name(CTE_NAMES)];
  const start = b.rng.pick(b.tablesIn(b.readSchemas()).filter((t) => t.keys.length > 0));
  const key = b.rng.pick(start.keys);
  const first = b.fromPath(start, b.rng.int(1, 2));
  const num = b.pickColumn(first.sources, ['num', 'int']);
  const cte1 = `${names[0]} as (${b.nl}select ${first.sources[0].alias}.${key}, sum(${b.col(num)}) as total, count(*) as cnt${b.nl}${first.text}${b.nl}where ${b.where(first.sources, 1, 2)}${b.nl}group by ${first.sources[0].alias}.${key}${b.nl})`;
  const other = b.catalog.tables.filter((t) => t.keys.includes(key) && t !== start);
  const dim = b.source(b.rng.pick(other.length > 0 ? other : [start]));
  const ctes = [cte1];
  let main = `select ${names[0]}.${key}, ${names[0]}.total, ${names[0]}.cnt, ${b.selectList([dim], 1, 3)}${b.nl}from ${names[0]}${b.nl}join ${b.fromItem(dim)} on ${dim.alias}.${key} = ${names[0]}.${key}`;
  if (b.rng.chance(0.5)) {
    ctes.push(`${names[1]} as (select ${key}, total, rank() over (order by total desc) as r from ${names[0]} where total > ${b.rng.int(0, 1000)})`);
    main += `${b.nl}join ${names[1]} on ${names[1]}.${key} = ${names[0]}.${key}${b.nl}where ${names[1]}.r <= ${b.rng.int(5, 100)}`;
  } else {
    main += `${b.nl}where ${names[0]}.cnt >= ${b.rng.int(1, 20)}`;
  }
  return `with ${ctes.join(`,${b.nl}`)}${b.nl}${main}${b.orderLimit([dim])}`;
}

function selectRecursiveCte(b: Builder): string {
  if (b.rng.chance(0.5)) {
    const table = b.rng.pick(b.catalog.tables.filter((t) => t.keys.includes('manager_id')));
    const root = b.alias(table);
    const step = b.alias(table);
    const name = b.name(['chain', 'reports', 'org_tree', 'hierarchy']);
    b.reads.add(b.key(table));
    const store = b.source(b.rng.pick(b.catalog.tables.filter((t) => t.own === 'store_id')));
    return (
      `with recursive ${name} as (${b.nl}select ${root}.employee_id, ${root}.manager_id, 1 as depth from ${b.ref(table)} ${root} where ${root}.employee_id = ${b.rng.int(1, 50000)}` +
      `${b.nl}union all${b.nl}select ${step}.employee_id, ${step}.manager_id, ${name}.depth + 1 from ${b.ref(table)} ${step} join ${name} on ${step}.manager_id = ${name}.employee_id where ${name}.depth < ${b.rng.int(3, 12)}${b.nl})` +
      `${b.nl}select ${name}.employee_id, ${name}.depth, ${b.col(b.pickColumn([store]))}${b.nl}from ${name}${b.nl}left join ${b.fromItem(store)} on ${store.alias}.employee_id = ${name}.employee_id${b.nl}order by ${name}.depth`
    );
  }
  const table = b.rng.pick(b.catalog.tables.filter((t) => t.columns.some((c) => c.kind === 'date' || c.name === 'created_at')));
  const s = b.source(table);
  const day = table.columns.find((c) => c.kind === 'date')?.name ?? 'created_at::date';
  const num = b.pickColumn([s], ['num', 'int']);
  const from = b.date();
  return (
    `with recursive days (d) as (${b.nl}select date '${from}'${b.nl}union all${b.nl}select d + 1 from days where d < date '${from}' + ${b.rng.int(7, 60)}${b.nl})` +
    `${b.nl}select days.d, count(${s.alias}.${table.keys[0] ?? 'status'}), coalesce(sum(${b.col(num)}), 0) as total${b.nl}from days${b.nl}left join ${b.fromItem(s)} on ${s.alias}.${day} = days.d` +
    `${b.nl}group by days.d${b.nl}order by days.d`
  );
}

// ---- writes ------------------------------------------------------------------------------------------------------

/** A write's target and the schemas its sources come from (one layer down). */
function writeTarget(b: Builder): { target: Table; from: string[] } {
  const target = b.rng.pick(b.catalog.tables.filter((t) => t.schema !== 'raw'));
  const below = Object.keys(LAYER).filter((s) => LAYER[s] === LAYER[target.schema] - 1);
  return { target, from: b.rng.chance(0.85) ? below : Object.keys(LAYER) };
}

/** For each target column an expression over the sources: a column of the same name, else of the same kind, else a value. */
function valuesFor(b: Builder, columns: Column[], sources: Source[]): string[] {
  return columns.map((column) => {
    const same = sources.find((s) => s.table.columns.some((c) => c.name === column.name));
    if (same && b.rng.chance(0.9)) return `${same.alias}.${column.name}`;
    const kind = b.columnsOf(sources, [column.kind]);
    if (kind.length > 0 && b.rng.chance(0.8)) return b.col(b.rng.pick(kind));
    if (column.kind === 'ts') return 'now()';
    return b.rng.chance(0.5) ? 'null' : b.literal(column);
  });
}

function targetColumns(b: Builder, target: Table, min: number, max: number): Column[] {
  const keys = target.columns.filter((c) => target.keys.includes(c.name));
  const rest = b.rng.sample(
    target.columns.filter((c) => !target.keys.includes(c.name)),
    b.rng.int(min, max),
  );
  return [...keys, ...rest].filter((c, i, all) => all.indexOf(c) === i);
}

function startFor(b: Builder, target: Table, schemas: string[]): Table {
  const sharing = b.tablesIn(schemas).filter((t) => t !== target && t.keys.some((k) => target.keys.includes(k)));
  return b.rng.pick(sharing.length > 0 ? sharing : b.tablesIn(schemas).filter((t) => t !== target));
}

function insertSelect(b: Builder): string {
  const { target, from: schemas } = writeTarget(b);
  b.targets.add(b.key(target));
  const from = b.fromPath(startFor(b, target, schemas), b.rng.int(3, 6), new Set([b.key(target)]), schemas);
  const columns = targetColumns(b, target, 2, 8);
  const values = valuesFor(b, columns, from.sources);
  const grouped = b.rng.chance(0.3);
  const measure = (v: string, c: Column): string | undefined => {
    if (!grouped || target.keys.includes(c.name) || !/^\w+\.\w+$/.test(v)) return undefined;
    if (c.kind === 'num' || c.kind === 'int') return `sum(${v})`;
    return c.kind === 'date' || c.kind === 'ts' ? `max(${v})` : undefined;
  };
  const measures = values.map((v, i) => measure(v, columns[i]));
  const items = values.map((v, i) => measures[i] ?? v);
  const groupBy = grouped && measures.some((m) => m) ? items.flatMap((_, i) => (measures[i] ? [] : [String(i + 1)])).join(', ') : '';
  const updates = columns.filter((c) => c.name !== target.own).map((c) => `${c.name} = excluded.${c.name}`);
  const conflict =
    target.own && !groupBy && b.rng.chance(0.15)
      ? `${b.nl}on conflict (${target.own}) ${updates.length > 0 ? `do update set ${updates.join(', ')}` : 'do nothing'}`
      : '';
  return (
    `insert into ${b.ref(target)} (${columns.map((c) => c.name).join(', ')})${b.nl}select ${items.join(`,${b.nl2}`)}${b.nl}${from.text}` +
    `${b.nl}where ${b.where(from.sources.slice(0, 2), 1, 3)}${groupBy ? `${b.nl}group by ${groupBy}` : ''}${conflict}`
  );
}

function createTableAs(b: Builder): string {
  const schemas = b.readSchemas();
  const from = b.fromPath(b.rng.pick(b.tablesIn(schemas)), b.rng.int(1, 4));
  const base = b.rng.pick(CTAS_NAMES);
  const name = b.rng.pick([`${base}_2026${pad(b.rng.int(9, 11))}${pad(b.rng.int(1, 28))}`, `${base}_${b.rng.int(1, 40)}`, `${b.role.name}_${base}`]);
  const temp = b.rng.chance(0.1);
  if (!temp) b.targets.add(`${SCRATCH_SCHEMA}.${name}`);
  const create = temp
    ? `create temp table tmp_${name}`
    : `create ${b.rng.chance(0.1) ? 'unlogged ' : ''}table ${b.rng.chance(0.3) ? 'if not exists ' : ''}${SCRATCH_SCHEMA}.${name}`;
  return `${create} as${b.nl}select ${b.selectList(from.sources, 2, 8)}${b.nl}${from.text}${b.nl}where ${b.where(from.sources, 1, 3)}`;
}

function updateFrom(b: Builder): string {
  const { target, from: schemas } = writeTarget(b);
  b.targets.add(b.key(target));
  const t = b.alias(target);
  const start = startFor(b, target, schemas);
  const key = start.keys.find((k) => target.keys.includes(k));
  const settable = target.columns.filter((c) => !target.keys.includes(c.name));
  const columns = b.rng.sample(settable, b.rng.int(1, 4));
  if (!key) {
    const s = b.source(start);
    return `update ${b.ref(target)} ${t}${b.nl}set ${columns.map((c) => `${c.name} = ${b.literal(c)}`).join(', ')}${b.nl}where ${t}.created_at < '${b.date()}' and exists (select 1 from ${b.ref(start)} ${s.alias} where ${b.filter(b.pickColumn([s]))})`;
  }
  const from = b.fromPath(start, b.rng.int(1, 3), new Set([b.key(target)]), schemas);
  const values = valuesFor(b, columns, from.sources);
  const sets = columns.map((c, i) => `${c.name} = ${b.rng.chance(0.2) ? `coalesce(${values[i]}, ${t}.${c.name})` : values[i]}`);
  if (b.rng.chance(0.5)) sets.push('updated_at = now()');
  const fromText = from.text.replace(/^from /, '');
  return `update ${b.ref(target)} ${b.rng.chance(0.2) ? 'as ' : ''}${t}${b.nl}set ${[...new Set(sets)].join(`,${b.nl2}`)}${b.nl}from ${fromText}${b.nl}where ${t}.${key} = ${from.sources[0].alias}.${key}${b.nl2}and ${b.where(from.sources, 1, 2)}`;
}

function merge(b: Builder): string {
  const { target, from: schemas } = writeTarget(b);
  const keyed = b.catalog.tables.filter((t) => t.schema !== 'raw' && t.keys.length > 0);
  const table = target.keys.length > 0 ? target : b.rng.pick(keyed);
  b.targets.add(b.key(table));
  const t = b.alias(table);
  const start = startFor(b, table, schemas);
  const key = start.keys.find((k) => table.keys.includes(k)) ?? table.keys[0];
  const columns = b.rng.sample(
    table.columns.filter((c) => c.name !== key),
    b.rng.int(2, 6),
  );
  const src = b.name(['src', 's', 'incoming', 'delta', 'stg']);
  let using: string;
  let names: string[];
  if (b.rng.chance(0.6) || !start.keys.includes(key)) {
    const from = b.fromPath(start, b.rng.int(1, 3), new Set([b.key(table)]), schemas);
    const values = valuesFor(b, columns, from.sources);
    const keySource = from.sources.find((s) => s.table.keys.includes(key));
    const keyExpr = keySource ? `${keySource.alias}.${key}` : b.literal({ name: key, kind: 'int', type: 'bigint' });
    using = `(${b.nl}select ${keyExpr} as ${key}, ${values.map((v, i) => `${v} as ${columns[i].name}`).join(', ')}${b.nl}${from.text}${b.nl}where ${b.where(from.sources, 1, 2)}${b.nl})`;
    names = columns.map((c) => c.name);
  } else {
    b.reads.add(b.key(start));
    using = b.ref(start);
    names = columns.map((c) => (start.columns.some((sc) => sc.name === c.name) ? c.name : 'null'));
  }
  const val = (n: string): string => (n === 'null' ? 'null' : `${src}.${n}`);
  const matched =
    `when matched${b.rng.chance(0.4) ? ` and ${src}.${key} is not null` : ''} then update set ` +
    columns.map((c, i) => `${c.name} = ${val(names[i])}`).join(', ');
  const insert = `when not matched then insert (${key}, ${columns.map((c) => c.name).join(', ')}) values (${src}.${key}, ${names.map(val).join(', ')})`;
  const clauses = [matched, insert];
  if (b.rng.chance(0.15)) clauses.unshift(`when matched and ${t}.status = 'cancelled' then delete`);
  return `merge into ${b.ref(table)} ${b.rng.chance(0.5) ? 'as ' : ''}${t}${b.nl}using ${using} ${src}${b.nl}on ${t}.${key} = ${src}.${key}${b.nl}${clauses.join(b.nl)}`;
}

function deleteRows(b: Builder): string {
  const { target, from: schemas } = writeTarget(b);
  b.deleted.add(b.key(target));
  const t = b.alias(target);
  const targetRef: Source = { table: target, alias: t };
  const start = startFor(b, target, schemas);
  const key = start.keys.find((k) => target.keys.includes(k));
  if (!key || b.rng.chance(0.25)) return `delete from ${b.ref(target)} ${t} where ${b.where([targetRef], 1, 2)}`;
  const s = b.source(start);
  if (b.rng.chance(0.4))
    return `delete from ${b.ref(target)}${b.nl}where ${key} in (select ${s.alias}.${key} from ${b.ref(start)} ${s.alias} where ${b.where([s], 1, 2)})`;
  return `delete from ${b.ref(target)} ${t}${b.nl}using ${b.fromItem(s)}${b.nl}where ${t}.${key} = ${s.alias}.${key}${b.nl2}and ${b.where([s], 1, 2)}`;
}

function insertValues(b: Builder): string {
  const target = b.rng.pick(b.catalog.tables);
  b.targets.add(b.key(target));
  const columns = targetColumns(b, target, 1, 5);
  const rows = Array.from({ length: b.rng.int(1, 5) }, () => `(${columns.map((c) => b.literal(c)).join(', ')})`);
  return `insert into ${b.ref(target)} (${columns.map((c) => c.name).join(', ')})${b.nl}values ${rows.join(`,${b.nl2}`)}`;
}

// ---- the rest ----------------------------------------------------------------------------------------------------

function noTable(b: Builder): string {
  const { rng } = b;
  return rng.pick([
    () => 'select 1',
    () => 'select now()',
    () => 'select version()',
    () => 'show search_path',
    () => `set statement_timeout = ${rng.int(1, 600) * 1000}`,
    () => `set application_name = '${rng.pick(['airflow', 'metabase', 'dbt', 'psql'])}_${rng.int(1, 9999)}'`,
    () => `select current_setting('${rng.pick(['search_path', 'TimeZone', 'work_mem'])}')`,
    () => `select pg_advisory_lock(${rng.int(1, 99999)})`,
    () => `select ${rng.int(1, 9999)} + ${rng.int(1, 9999)} as probe`,
    () => 'discard all',
  ])();
}

function systemCatalog(b: Builder): string {
  const { rng } = b;
  const schema = rng.pick(b.catalog.schemas);
  const table = rng.pick(b.catalog.tables);
  return rng.pick([
    () =>
      `select c.relname, n.nspname, c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = '${schema}' and c.relkind in ('r', 'v', 'm')`,
    () =>
      `select column_name, data_type, is_nullable from information_schema.columns where table_schema = '${table.schema}' and table_name = '${table.name}' order by ordinal_position`,
    () => `select pid, state, query from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> ${rng.int(100, 99999)}`,
    () => `select relname, n_live_tup from pg_stat_user_tables where schemaname = '${schema}' order by n_live_tup desc limit ${rng.int(5, 50)}`,
  ])();
}

function transaction(b: Builder): string {
  const body = b.rng.pick([insertSelect, updateFrom, deleteRows])(b);
  return `begin;${b.nl}${body};${b.nl}commit;`;
}

/** A statement Postgres refuses: cut off after WHERE/AND (a log truncating it), a misspelt keyword, a paren not closed. */
function unparseable(b: Builder): string {
  const text = selectJoin(b);
  switch (b.rng.int(0, 3)) {
    case 0: {
      const at = Math.max(text.lastIndexOf(' and '), text.lastIndexOf('where '));
      return at > 0 ? text.slice(0, at + (text.startsWith('where ', at) ? 5 : 4)) : `${text} and`;
    }
    case 1:
      return text.replace(/^select /, b.rng.pick(['selct ', 'slect ', 'seelct ']));
    case 2:
      return text.replace(/(\s)where /, '$1where (');
    default:
      return text.replace(/(\S)(\s+from )/, '$1,$2');
  }
}

const BUILDERS: Record<StatementKind, (b: Builder) => string> = {
  'select-join': selectJoin,
  'select-aggregate': selectAggregate,
  'select-window': selectWindow,
  'select-subquery': selectSubquery,
  'select-union': selectUnion,
  'select-cte': selectCte,
  'select-recursive-cte': selectRecursiveCte,
  'insert-select': insertSelect,
  'create-table-as': createTableAs,
  'update-from': updateFrom,
  merge,
  delete: deleteRows,
  'insert-values': insertValues,
  transaction,
  'no-table': noTable,
  'system-catalog': systemCatalog,
  unparseable,
};

const WRITE_KINDS = new Set<StatementKind>(['insert-select', 'create-table-as', 'update-from', 'merge', 'delete', 'insert-values', 'transaction']);

/** Who runs what: writes are mostly the pipelines', reads mostly the people's and the BI tool's. */
function roleFor(rng: Rng, catalog: Catalog, kind: StatementKind): Role {
  const byName = (name: string): Role => catalog.roles.find((r) => r.name === name) ?? catalog.roles[0];
  if (WRITE_KINDS.has(kind)) return byName(rng.weighted({ etl: 45, dbt: 45, data_scientist: 7, analyst: 3 }));
  if (kind === 'system-catalog') return byName(rng.weighted({ bi_tool: 70, analyst: 20, dbt: 10 }));
  return byName(rng.weighted({ analyst: 30, bi_tool: 35, data_scientist: 15, etl: 10, dbt: 10 }));
}

/** A comment tools put in front of their statements (dbt's JSON header, Metabase's query hash). */
function toolComment(rng: Rng, role: Role, target: string): string {
  if (role.name === 'dbt' && rng.chance(0.6))
    return `/* {"app": "dbt", "dbt_version": "1.8.${rng.int(0, 9)}", "profile_name": "warehouse", "target_name": "prod", "node_id": "model.warehouse.${target}"} */\n`;
  if (role.name === 'bi_tool' && rng.chance(0.5))
    return `-- Metabase:: userID: ${rng.int(1, 300)} queryType: native queryHash: ${rng.int(0, 0xffffff).toString(16).padStart(6, '0')}${rng.int(0, 0xffffff).toString(16).padStart(6, '0')}\n`;
  return '';
}

export function generateStatement(rng: Rng, catalog: Catalog): GeneratedStatement {
  const kind = rng.weighted(KIND_WEIGHTS);
  const role = roleFor(rng, catalog, kind);
  const b = new Builder(rng, catalog, role, rng.chance(0.4));
  let text = BUILDERS[kind](b);
  if (kind !== 'unparseable' && rng.chance(0.15)) text = upperKeywords(text);
  if (kind !== 'transaction' && rng.chance(0.3)) text += ';';
  const target = [...b.targets][0] ?? [...b.reads][0] ?? 'adhoc';
  text = toolComment(rng, role, target.replace(/^.*\./, '')) + text;
  return { kind, role, text, reads: b.reads, targets: b.targets, deleted: b.deleted, parseable: kind !== 'unparseable' };
}
