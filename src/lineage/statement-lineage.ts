import type { Node } from 'libpg-query';
import { columnNameOf } from './column-name.js';
import { asList, fieldsOf, names, nodeType, type Fields } from './ast.js';
import { isSystemSchema, type CatalogRelation, type TableName } from './lineage-catalog.js';
import type { CteScope } from './cte-scope.js';
import { QueryAnalyzer, relationColumns, type AnalysisOptions, type Assignment } from './query-analyzer.js';
import { EMPTY, Scope, lazyStar, starOf, type ColumnKey, type FromItem, type OutputColumn, type Star } from './scope.js';

/** What one statement does to tables: which it reads, which it writes, and where each written column comes from. */
export interface StatementLineage {
  /** The statement's command, as Postgres's command tags name it (`INSERT`, `CREATE TABLE AS`, ...). */
  command: string;
  reads: TableName[];
  targets: TableName[];
  assignments: Assignment[];
  /** Names that are neither catalog relations, CTEs nor system tables. */
  unresolved: string[];
  /** Pairs of columns of two tables compared for equality: the joins usage reports. */
  joins: Array<[ColumnKey, ColumnKey]>;
  /** Tables rows are deleted from: no lineage, but usage of the table. */
  deletes: TableName[];
}

/** Statements that only wrap another one whose lineage is the point. */
const WRAPPED_QUERY: Readonly<Record<string, string>> = { PrepareStmt: 'query', DeclareCursorStmt: 'query', ExplainStmt: 'query' };

export function statementLineage(node: Node, options: AnalysisOptions): StatementLineage {
  let type = nodeType(node) ?? '';
  let fields = fieldsOf<Fields>(node, type) ?? {};
  while (WRAPPED_QUERY[type]) {
    const inner = fields[WRAPPED_QUERY[type] ?? ''] as Node | undefined;
    type = nodeType(inner) ?? '';
    fields = fieldsOf<Fields>(inner, type) ?? {};
  }
  const analysis = new StatementAnalysis(options);
  const command = analysis.statement(type, fields);
  const { analyzer } = analysis;
  return {
    command,
    reads: [...analyzer.reads.values()],
    targets: [...analyzer.targets.values()],
    assignments: analyzer.assignments,
    unresolved: [...analyzer.unresolved],
    joins: analyzer.joins,
    deletes: [...analyzer.deletes.values()],
  };
}

class StatementAnalysis {
  readonly analyzer: QueryAnalyzer;

  constructor(readonly options: AnalysisOptions) {
    this.analyzer = new QueryAnalyzer(options);
    this.analyzer.dataModifying = (type, fields, outer, ctes) => this.dml(type, fields, outer, ctes);
  }

  statement(type: string, fields: Fields): string {
    switch (type) {
      case 'SelectStmt': {
        const into = fields.intoClause as Fields | undefined;
        const columns = this.analyzer.select(fields, undefined, undefined);
        if (into) {
          this.created(into.rel as Fields, names(into.colNames as Node[] | undefined), columns);
          return 'SELECT INTO';
        }
        return 'SELECT';
      }
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt':
      case 'MergeStmt':
        this.dml(type, fields, undefined, undefined);
        return type.replace(/Stmt$/, '').toUpperCase();
      case 'CreateTableAsStmt': {
        const into = (fields.into ?? {}) as Fields;
        const columns = this.analyzer.query(fields.query as Node, undefined, undefined);
        this.created(into.rel as Fields, names(into.colNames as Node[] | undefined), columns);
        return fields.objtype === 'OBJECT_MATVIEW' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE AS';
      }
      case 'ViewStmt': {
        const columns = this.analyzer.query(fields.query as Node, undefined, undefined);
        this.created(fields.view as Fields, names(fields.aliases as Node[] | undefined), columns);
        return 'CREATE VIEW';
      }
      case 'CopyStmt': {
        if (fields.query) this.analyzer.query(fields.query as Node, undefined, undefined);
        else if (fields.relation && fields.is_from !== true) {
          const found = this.analyzer.resolveRelation(fields.relation as Fields, undefined);
          if (found.relation) this.analyzer.markRead(found.relation);
        }
        return 'COPY';
      }
      default:
        return type.replace(/Stmt$/, '').toUpperCase();
    }
  }

  /** CREATE TABLE AS, SELECT INTO, CREATE VIEW: a new relation whose columns are the query's. */
  private created(rangeVar: Fields | undefined, columnNames: string[], columns: OutputColumn[]): void {
    if (!rangeVar || rangeVar.relpersistence === 't') return; // a temp table is gone with its session
    const schema =
      (rangeVar.schemaname as string | undefined) ?? this.analyzer.options.catalog.creationSchema(this.options.searchPath, this.options.user);
    if (schema === undefined || isSystemSchema(schema)) return;
    const target = { schema, name: String(rangeVar.relname ?? '') };
    this.analyzer.addTarget(target);
    columns.forEach((column, i) => {
      this.analyzer.assignments.push({ target, column: columnNames[i] ?? column.name, sources: column.sources });
    });
  }

  /** The target of INSERT/UPDATE/DELETE/MERGE: a catalog table, or nothing (lineage cannot name its columns). */
  private targetRelation(fields: Fields, ctes: CteScope | undefined): CatalogRelation | undefined {
    const rangeVar = fields.relation as Fields | undefined;
    if (!rangeVar) return undefined;
    // A statement writes a table, never a CTE of the same name: Postgres looks the target up in the catalog only.
    void ctes;
    return this.analyzer.resolveRelation(rangeVar, undefined).relation;
  }

  private targetItem(relation: CatalogRelation, fields: Fields): FromItem {
    const alias = ((fields.relation as Fields).alias as { aliasname?: string } | undefined)?.aliasname;
    return { refName: alias ?? relation.name, schema: alias ? undefined : relation.schema, columns: this.analyzer.columnsOf(relation) };
  }

  private assign(relation: CatalogRelation | undefined, column: string, sources: ReadonlySet<ColumnKey>): void {
    if (!relation) return;
    this.analyzer.assignments.push({ target: { schema: relation.schema, name: relation.name }, column, sources });
  }

  /** INSERT, UPDATE, DELETE and MERGE, at the top or in a CTE; their RETURNING list is what a CTE yields. */
  dml(type: string, fields: Fields, outer: Scope | undefined, ctesAround: CteScope | undefined): OutputColumn[] {
    const { analyzer } = this;
    const ctes = analyzer.withClause(fields.withClause as Fields | undefined, ctesAround, outer);
    const relation = this.targetRelation(fields, ctes);
    if (relation && type !== 'DeleteStmt') analyzer.addTarget({ schema: relation.schema, name: relation.name });
    if (relation && type === 'DeleteStmt')
      analyzer.deletes.set(`${relation.schema}\u0000${relation.name}`, { schema: relation.schema, name: relation.name });
    const targetItems = relation ? [this.targetItem(relation, fields)] : [];
    let scope = new Scope(targetItems, outer, starOf(relation ? analyzer.columnsOf(relation) : undefined));

    switch (type) {
      case 'InsertStmt': {
        const columns = analyzer.query(fields.selectStmt as Node | undefined, outer, ctes);
        const targetColumns = fields.cols
          ? asList(fields.cols).map((col) => String(fieldsOf<Fields>(col, 'ResTarget')?.name ?? ''))
          : (relation?.columns ?? []);
        const inserted = new Map<string, ReadonlySet<ColumnKey>>();
        columns.forEach((column, i) => {
          const name = targetColumns[i];
          if (name === undefined) return;
          inserted.set(name, column.sources);
          this.assign(relation, name, column.sources);
        });
        const conflict = fields.onConflictClause as Fields | undefined;
        if (conflict && relation) {
          const excluded: FromItem = {
            refName: 'excluded',
            columns: relation.columns.map((name) => ({ name, sources: inserted.get(name) ?? EMPTY })),
          };
          const conflictScope = new Scope([...targetItems, excluded], outer);
          this.setList(asList(conflict.targetList), relation, conflictScope, ctes);
          analyzer.expression(conflict.whereClause, conflictScope, ctes);
        }
        break;
      }
      case 'UpdateStmt': {
        const from = analyzer.from(asList(fields.fromClause), outer, ctes);
        scope = new Scope([...targetItems, ...from.items], outer, returningStar(relation, from.star));
        for (const [name, sources] of from.merged) scope.merged.set(name, sources);
        analyzer.expression(fields.whereClause, scope, ctes);
        this.setList(asList(fields.targetList), relation, scope, ctes);
        break;
      }
      case 'DeleteStmt': {
        const using = analyzer.from(asList(fields.usingClause), outer, ctes);
        scope = new Scope([...targetItems, ...using.items], outer, returningStar(relation, using.star));
        analyzer.expression(fields.whereClause, scope, ctes);
        break;
      }
      case 'MergeStmt': {
        const source = analyzer.from([fields.sourceRelation as Node], outer, ctes);
        scope = new Scope([...targetItems, ...source.items], outer, returningStar(relation, source.star));
        analyzer.expression(fields.joinCondition, scope, ctes);
        for (const node of asList(fields.mergeWhenClauses)) this.mergeWhen(fieldsOf<Fields>(node, 'MergeWhenClause') ?? {}, relation, scope, ctes);
        break;
      }
    }
    const returning = asList((fields.returningClause as Fields | undefined)?.exprs ?? fields.returningList);
    if (returning.length === 0) return [];
    // A RETURNING list hands on the written table's rows: the table is read by whoever uses them.
    if (relation) analyzer.markRead(relation);
    return this.returningColumns(returning, scope, ctes);
  }

  private returningColumns(returning: Node[], scope: Scope, ctes: CteScope | undefined): OutputColumn[] {
    const output: OutputColumn[] = [];
    for (const node of returning) {
      const target = fieldsOf<Fields>(node, 'ResTarget');
      if (!target) continue;
      const ref = fieldsOf<Fields>(target.val, 'ColumnRef');
      const parts = ref ? names(ref.fields as Node[]) : [];
      if (parts[parts.length - 1] === '*') {
        output.push(...((parts.length === 1 ? scope.star() : scope.starOf(parts[parts.length - 2] ?? '')) ?? []));
        continue;
      }
      const sources = this.analyzer.expression(target.val, scope, ctes);
      output.push({ name: (target.name as string | undefined) ?? columnNameOf(target.val), sources });
    }
    return output;
  }

  /** `SET a = expr, (b, c) = (SELECT …)`: each column's sources. */
  private setList(targets: Node[], relation: CatalogRelation | undefined, scope: Scope, ctes: CteScope | undefined): void {
    const subqueries = new Map<unknown, OutputColumn[]>();
    for (const node of targets) {
      const target = fieldsOf<Fields>(node, 'ResTarget');
      if (!target) continue;
      const column = String(target.name ?? '');
      const multi = fieldsOf<Fields>(target.val, 'MultiAssignRef');
      if (multi) {
        const source = multi.source as Node;
        const select = fieldsOf<Fields>(fieldsOf<Fields>(source, 'SubLink')?.subselect, 'SelectStmt');
        if (select) {
          // One subquery feeds several columns: analyze it once.
          let columns = subqueries.get(multi.source);
          if (!columns) subqueries.set(multi.source, (columns = this.analyzer.select(select, scope, ctes)));
          this.assign(relation, column, columns[Number(multi.colno ?? 1) - 1]?.sources ?? EMPTY);
        } else {
          const row = asList(fieldsOf<Fields>(source, 'RowExpr')?.args);
          this.assign(relation, column, this.analyzer.expression(row[Number(multi.colno ?? 1) - 1], scope, ctes));
        }
        continue;
      }
      this.assign(relation, column, this.analyzer.expression(target.val, scope, ctes));
    }
  }

  private mergeWhen(clause: Fields, relation: CatalogRelation | undefined, scope: Scope, ctes: CteScope | undefined): void {
    this.analyzer.expression(clause.condition, scope, ctes);
    if (clause.commandType === 'CMD_UPDATE') this.setList(asList(clause.targetList), relation, scope, ctes);
    if (clause.commandType === 'CMD_INSERT') {
      const columns = clause.targetList
        ? asList(clause.targetList).map((col) => String(fieldsOf<Fields>(col, 'ResTarget')?.name ?? ''))
        : (relation?.columns ?? []);
      asList(clause.values).forEach((value, i) => {
        const name = columns[i];
        if (name !== undefined) this.assign(relation, name, this.analyzer.expression(value, scope, ctes));
      });
    }
  }
}

/** What RETURNING * yields: the target's columns, then the other FROM items'. */
function returningStar(relation: CatalogRelation | undefined, others: Star): Star {
  return lazyStar(() => {
    const rest = others();
    return relation && rest ? [...relationColumns(relation), ...rest] : undefined;
  });
}
