import type { Node } from 'libpg-query';
import { asList, fieldsOf, names, nodeType, type Fields } from './ast.js';
import { columnNameOf } from './column-name.js';
import { tableKey, type CatalogRelation, type LineageCatalog, type TableName } from './lineage-catalog.js';
import { CteScope, referenceOrder } from './cte-scope.js';
import { fromItem } from './from-items.js';
import { Scope, columnKey, concatStars, union, type ColumnKey, type OutputColumn, type Star } from './scope.js';

export interface AnalysisOptions {
  catalog: LineageCatalog;
  /** The session's search_path (default `"$user", public`). */
  searchPath: readonly string[];
  /** The role that ran the statement: what `$user` means. */
  user?: string;
  /** performance.now() past which the analysis gives up (parsingTimeoutLimit): a statement is never worth a stuck run. */
  deadline?: number;
}

/** The analysis of one statement ran past parsingTimeoutLimit. */
export class LineageTimeoutError extends Error {
  override name = 'LineageTimeoutError';
}

/**
 * A relation's columns, each its own single source: built once per relation for every statement analysed against the
 * catalog (they are never changed, only shared).
 */
const RELATION_COLUMNS = new WeakMap<CatalogRelation, readonly OutputColumn[]>();

export function relationColumns(relation: CatalogRelation): readonly OutputColumn[] {
  let columns = RELATION_COLUMNS.get(relation);
  if (!columns) {
    columns = relation.columns.map((name) => ({ name, sources: new Set([columnKey(relation.schema, relation.name, name)]) }));
    RELATION_COLUMNS.set(relation, columns);
  }
  return columns;
}

/** Nodes visited between two looks at the clock: cheap enough, and a fraction of a millisecond apart. */
const CLOCK_EVERY = 2048;

/** A write of one target column, and the base columns its new values come from. */
export interface Assignment {
  target: TableName;
  column: string;
  sources: ReadonlySet<ColumnKey>;
}

const tableOfKey = (key: ColumnKey): string => key.slice(0, key.lastIndexOf('\u0000'));

/**
 * Walks one statement's tree with the catalog at hand: which tables it reads, which it writes, and for every
 * written column the base columns its values come from. Expressions are walked generically (every node type is
 * searched for column references and subqueries), so no expression form is missed; FROM, WITH and the statement
 * kinds are handled one by one, as Postgres's analyzer does.
 */
export class QueryAnalyzer {
  readonly reads = new Map<string, TableName>();
  readonly targets = new Map<string, TableName>();
  readonly deletes = new Map<string, TableName>();
  readonly assignments: Assignment[] = [];
  readonly unresolved = new Set<string>();
  /** Columns compared for equality (`a.x = b.y` in ON or WHERE) between two different tables. */
  readonly joins: Array<[ColumnKey, ColumnKey]> = [];

  constructor(readonly options: AnalysisOptions) {}

  private visits = 0;

  /** Counts work done and, now and then, gives up past the deadline (parsingTimeoutLimit). */
  tick(): void {
    if (this.options.deadline === undefined || ++this.visits % CLOCK_EVERY !== 0) return;
    if (performance.now() > this.options.deadline) throw new LineageTimeoutError('analysis ran past parsingTimeoutLimit');
  }

  addTarget(table: TableName): void {
    this.targets.set(tableKey(table), table);
  }

  /** A relation named in FROM (or as a DML target): resolved through the CTEs, then the catalog. */
  resolveRelation(rangeVar: Fields, ctes: CteScope | undefined): { relation?: CatalogRelation; cte?: readonly OutputColumn[] | null; system?: true } {
    const schema = rangeVar.schemaname as string | undefined;
    const name = String(rangeVar.relname ?? '');
    if (schema === undefined && ctes) {
      const cte = ctes.find(name);
      if (cte) return { cte: cte.columns ?? null };
    }
    const { catalog, searchPath, user } = this.options;
    const found = catalog.resolve(schema, name, searchPath, user);
    if (found.kind === 'relation') return { relation: found.relation };
    if (found.kind === 'system') return { system: true };
    this.unresolved.add(schema === undefined ? name : `${schema}.${name}`);
    return {};
  }

  columnsOf(relation: CatalogRelation): readonly OutputColumn[] {
    return relationColumns(relation);
  }

  markRead(relation: CatalogRelation): void {
    this.reads.set(tableKey(relation), { schema: relation.schema, name: relation.name });
  }

  /**
   * WITH: each CTE sees the ones before it; under WITH RECURSIVE every sibling, later ones too, so the CTEs are
   * analyzed in the order their references require.
   */
  withClause(clause: Fields | undefined, ctes: CteScope | undefined, outer: Scope | undefined): CteScope | undefined {
    if (!clause) return ctes;
    const level = new CteScope(ctes);
    const recursive = clause.recursive === true;
    const nodes = asList(clause.ctes);
    for (const node of recursive ? referenceOrder(nodes) : nodes) {
      const cte = fieldsOf<Fields>(node, 'CommonTableExpr');
      if (!cte) continue;
      const name = String(cte.ctename ?? '');
      const aliases = names(cte.aliascolnames as Node[] | undefined);
      const rename = (columns: readonly OutputColumn[]): OutputColumn[] =>
        columns.map((column, i) => ({ name: aliases[i] ?? column.name, sources: column.sources }));
      const query = cte.ctequery as Node;
      const select = fieldsOf<Fields>(query, 'SelectStmt');
      if (recursive && select && select.op === 'SETOP_UNION' && select.larg) {
        // The non-recursive term first, then the whole union until the sources stop growing (self-references
        // carry the previous round's sources).
        level.entries.set(name, rename(this.select(select.larg as Fields, outer, level)));
        for (let round = 0; round < 4; round++) {
          const before = level.entries.get(name) ?? [];
          const next = rename(this.select(select, outer, level));
          level.entries.set(name, next);
          if (next.every((column, i) => column.sources.size === (before[i]?.sources.size ?? -1))) break;
        }
      } else {
        level.entries.set(name, rename(this.query(query, outer, level)));
      }
    }
    return level;
  }

  /** Any statement that yields rows: SELECT, and INSERT/UPDATE/DELETE/MERGE with RETURNING (in a CTE). */
  query(node: Node | undefined, outer: Scope | undefined, ctes: CteScope | undefined): OutputColumn[] {
    const type = nodeType(node);
    const fields = type ? fieldsOf<Fields>(node, type) : undefined;
    if (!fields) return [];
    if (type === 'SelectStmt') return this.select(fields, outer, ctes);
    return this.dataModifying?.(type ?? '', fields, outer, ctes) ?? [];
  }

  /** Set by the statement analysis: INSERT/UPDATE/DELETE/MERGE inside a CTE. */
  dataModifying?: (type: string, fields: Fields, outer: Scope | undefined, ctes: CteScope | undefined) => OutputColumn[];

  select(stmt: Fields, outer: Scope | undefined, ctesAround: CteScope | undefined): OutputColumn[] {
    const ctes = this.withClause(stmt.withClause as Fields | undefined, ctesAround, outer);
    if (stmt.op && stmt.op !== 'SETOP_NONE') {
      const left = this.select((stmt.larg ?? {}) as Fields, outer, ctes);
      const right = this.select((stmt.rarg ?? {}) as Fields, outer, ctes);
      return left.map((column, i) => ({ name: column.name, sources: union(column.sources, right[i]?.sources) }));
    }
    if (stmt.valuesLists) return this.values(asList(stmt.valuesLists), outer, ctes);

    const scope = this.from(asList(stmt.fromClause), outer, ctes);
    const windows = new Map<string, Fields>();
    for (const node of asList(stmt.windowClause)) {
      const window = fieldsOf<Fields>(node, 'WindowDef');
      if (window?.name) windows.set(String(window.name), window);
    }
    // Clauses that filter or order rows read tables (their subqueries) but give no column its values.
    for (const clause of [
      stmt.whereClause,
      stmt.havingClause,
      stmt.groupClause,
      stmt.sortClause,
      stmt.distinctClause,
      stmt.limitCount,
      stmt.limitOffset,
    ]) {
      this.expression(clause, scope, ctes, windows);
    }
    const output: OutputColumn[] = [];
    for (const node of asList(stmt.targetList)) {
      const target = fieldsOf<Fields>(node, 'ResTarget');
      if (!target) continue;
      const star = this.starExpansion(target.val, scope);
      if (star) {
        output.push(...star);
        continue;
      }
      const name = (target.name as string | undefined) ?? columnNameOf(target.val);
      output.push({ name, sources: this.expression(target.val, scope, ctes, windows) });
    }
    return output;
  }

  private values(rows: Node[], outer: Scope | undefined, ctes: CteScope | undefined): OutputColumn[] {
    const columns: Array<Set<ColumnKey>> = [];
    for (const row of rows) {
      asList(fieldsOf<Fields>(row, 'List')?.items).forEach((item, i) => {
        columns[i] = union(columns[i], this.expression(item, outer, ctes));
      });
    }
    return columns.map((sources, i) => ({ name: `column${i + 1}`, sources }));
  }

  /** `*` or `t.*` in a select list: the columns it stands for, or undefined when it is no star. */
  private starExpansion(value: unknown, scope: Scope): OutputColumn[] | undefined {
    const ref = fieldsOf<Fields>(value, 'ColumnRef');
    if (!ref) return undefined;
    const parts = names(ref.fields as Node[]);
    if (parts[parts.length - 1] !== '*') return undefined;
    if (parts.length === 1) return [...(scope.star() ?? [])];
    const columns = scope.starOf(parts[parts.length - 2] ?? '', parts.length >= 3 ? parts[parts.length - 3] : undefined);
    return columns ? [...columns] : [];
  }

  /** The FROM list as a scope; each item sees the ones before it (LATERAL). */
  from(items: Node[], outer: Scope | undefined, ctes: CteScope | undefined): Scope {
    const scope = new Scope([], outer);
    const stars: Star[] = [];
    for (const node of items) {
      const { item, star, merged } = fromItem(this, node, scope, ctes);
      stars.push(star);
      scope.items.push(...item);
      for (const [name, sources] of merged) scope.merged.set(name, sources);
    }
    scope.star = concatStars(stars);
    return scope;
  }

  /** `a.x = b.y` where each side is one base column of a different table: a join, for usage. */
  private noteJoin(comparison: Fields, scope: Scope | undefined): void {
    if (comparison.kind !== 'AEXPR_OP' || names(comparison.name as Node[])[0] !== '=') return;
    const side = (node: unknown): ColumnKey | undefined => {
      const ref = fieldsOf<Fields>(node, 'ColumnRef');
      const found = ref ? scope?.lookup(names(ref.fields as Node[])) : undefined;
      return found?.size === 1 ? [...found][0] : undefined;
    };
    const left = side(comparison.lexpr);
    const right = side(comparison.rexpr);
    if (left && right && tableOfKey(left) !== tableOfKey(right)) this.joins.push([left, right]);
  }

  /**
   * The base columns an expression reads. Column references resolve in `scope`; subqueries are analyzed (their
   * tables are read) and give the sources of their select lists; everything else is searched node by node.
   */
  expression(node: unknown, scope: Scope | undefined, ctes: CteScope | undefined, windows?: ReadonlyMap<string, Fields>): Set<ColumnKey> {
    const sources = new Set<ColumnKey>();
    const visit = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      this.tick();
      if (Array.isArray(value)) {
        for (const item of value) visit(item);
        return;
      }
      const record = value as Fields;
      const ref = record.ColumnRef as Fields | undefined;
      if (ref) {
        const found = scope?.lookup(names(ref.fields as Node[]));
        if (found) for (const key of found) sources.add(key);
        return;
      }
      const sublink = record.SubLink as Fields | undefined;
      if (sublink) {
        visit(sublink.testexpr);
        for (const column of this.query(sublink.subselect as Node, scope, ctes)) for (const key of column.sources) sources.add(key);
        return;
      }
      const comparison = record.A_Expr as Fields | undefined;
      if (comparison) this.noteJoin(comparison, scope);
      const call = record.FuncCall as Fields | undefined;
      const windowName = (call?.over as Fields | undefined)?.name ?? (call?.over as Fields | undefined)?.refname;
      if (typeof windowName === 'string') visit(windows?.get(windowName));
      for (const key in record) {
        if (key !== 'location') visit(record[key]);
      }
    };
    visit(node);
    return sources;
  }
}
