import type { Node } from 'libpg-query';
import { asList, fieldsOf, names, nodeType, type Fields } from './ast.js';
import { columnNameOf } from './column-name.js';
import type { CteScope } from './cte-scope.js';
import type { QueryAnalyzer } from './query-analyzer.js';
import { EMPTY, Scope, lazyStar, starOf, union, type ColumnKey, type FromItem, type OutputColumn, type Star } from './scope.js';

/** What one FROM item contributes to its query's scope. */
export interface FromResult {
  item: FromItem[];
  star: Star;
  merged: Map<string, ReadonlySet<ColumnKey>>;
}

/**
 * One FROM item: the items it makes visible (a join without alias shows both sides), what `*` yields from it,
 * and the columns JOIN … USING merges.
 */
export function fromItem(analyzer: QueryAnalyzer, node: Node, scope: Scope, ctes: CteScope | undefined): FromResult {
  analyzer.tick();
  const merged = new Map<string, ReadonlySet<ColumnKey>>();
  const type = nodeType(node);
  const fields = type ? (fieldsOf<Fields>(node, type) ?? {}) : {};
  const alias = fields.alias as { aliasname?: string; colnames?: Node[] } | undefined;
  const renamed = (columns: readonly OutputColumn[]): readonly OutputColumn[] => {
    if (!alias?.colnames) return columns;
    const aliases = names(alias.colnames);
    return columns.map((column, i) => ({ name: aliases[i] ?? column.name, sources: column.sources }));
  };
  const single = (item: FromItem): FromResult => ({ item: [item], star: starOf(item.columns), merged });

  switch (type) {
    case 'RangeVar': {
      const name = String(fields.relname ?? '');
      const found = analyzer.resolveRelation(fields, ctes);
      const refName = alias?.aliasname ?? name;
      if (found.relation) {
        analyzer.markRead(found.relation);
        const schema = alias?.aliasname ? undefined : found.relation.schema;
        return single({ refName, schema, columns: renamed(analyzer.columnsOf(found.relation)) });
      }
      if (found.cte !== undefined) return single({ refName, columns: found.cte ? renamed(found.cte) : undefined, opaque: EMPTY });
      return single({ refName, opaque: EMPTY });
    }
    case 'RangeSubselect': {
      const columns = analyzer.query(fields.subquery as Node, scope, ctes);
      return single({ refName: alias?.aliasname, columns: renamed(columns) });
    }
    case 'RangeFunction':
      return functionItem(analyzer, fields, alias, scope, ctes);
    case 'RangeTableSample':
      return fromItem(analyzer, fields.relation as Node, scope, ctes);
    case 'JoinExpr':
      return joinItem(analyzer, fields, scope, ctes);
    default: {
      // XMLTABLE, JSON_TABLE and the like: result sets whose columns come from their arguments.
      const sources = analyzer.expression(fields, scope, ctes);
      return single({ refName: alias?.aliasname, opaque: sources });
    }
  }
}

/**
 * A function in FROM is no table: its columns come from its arguments. Under ROWS FROM each function gives its own
 * columns; without a column list the names are unknown (any name asked resolves to the arguments), and `*` is the
 * one column a scalar function yields.
 */
function functionItem(
  analyzer: QueryAnalyzer,
  fields: Fields,
  alias: { aliasname?: string; colnames?: Node[] } | undefined,
  scope: Scope,
  ctes: CteScope | undefined,
): FromResult {
  const perFunction: Array<Set<ColumnKey>> = [];
  let functionName: string | undefined;
  for (const entry of asList(fields.functions)) {
    // Each entry is a List of [FuncCall, its column definitions].
    const [call] = asList(fieldsOf<Fields>(entry, 'List')?.items);
    functionName ??= columnNameOf(call);
    perFunction.push(analyzer.expression(call, scope, ctes));
  }
  const sources = union(...perFunction);
  const columnNames = names(alias?.colnames);
  for (const def of asList(fields.coldeflist)) {
    const name = fieldsOf<{ colname?: string }>(def, 'ColumnDef')?.colname;
    if (name) columnNames.push(name);
  }
  const refName = alias?.aliasname ?? functionName;
  const merged = new Map<string, ReadonlySet<ColumnKey>>();
  if (columnNames.length > 0) {
    // WITH ORDINALITY adds a last column: the row number, from no column at all.
    const ordinality = fields.ordinality === true ? 1 : 0;
    const oneEach = perFunction.length > 1 && perFunction.length === columnNames.length - ordinality;
    const columns = columnNames.map((name, i) => ({
      name,
      sources: ordinality && i === columnNames.length - 1 ? EMPTY : oneEach ? (perFunction[i] ?? EMPTY) : sources,
    }));
    return { item: [{ refName, columns }], star: starOf(columns), merged };
  }
  return { item: [{ refName, opaque: sources }], star: starOf(refName ? [{ name: refName, sources }] : undefined), merged };
}

function joinItem(analyzer: QueryAnalyzer, fields: Fields, scope: Scope, ctes: CteScope | undefined): FromResult {
  const left = fromItem(analyzer, fields.larg as Node, scope, ctes);
  const lateralScope = new Scope([...scope.items, ...left.item], scope.parent, undefined);
  for (const [name, sources] of [...scope.merged, ...left.merged]) lateralScope.merged.set(name, sources);
  const right = fromItem(analyzer, fields.rarg as Node, lateralScope, ctes);
  const merged = new Map<string, ReadonlySet<ColumnKey>>([...left.merged, ...right.merged]);

  let using = names(fields.usingClause as Node[] | undefined);
  const leftStar = left.star;
  const rightStar = right.star;
  if (fields.isNatural === true) {
    const [leftColumns, rightColumns] = [leftStar(), rightStar()];
    if (leftColumns && rightColumns) {
      const rightNames = new Set(rightColumns.map((c) => c.name));
      using = leftColumns.map((c) => c.name).filter((name) => rightNames.has(name));
    }
  }
  const joinScope = new Scope([...left.item, ...right.item], scope);
  const pick = (side: { star: Star }, name: string) => side.star()?.find((c) => c.name === name)?.sources;
  const mergedColumns: OutputColumn[] = using.map((name) => {
    const fromLeft = pick(left, name);
    const fromRight = pick(right, name);
    // Postgres takes the left side's value for inner and left joins, the right's for right joins, either for full.
    const sources = fields.jointype === 'JOIN_RIGHT' ? fromRight : fields.jointype === 'JOIN_FULL' ? union(fromLeft, fromRight) : fromLeft;
    return { name, sources: sources ?? EMPTY };
  });
  for (const column of mergedColumns) merged.set(column.name, column.sources);
  analyzer.expression(fields.quals, joinScope, ctes);

  const usingSet = new Set(using);
  const star = lazyStar(() => {
    const [leftColumns, rightColumns] = [leftStar(), rightStar()];
    if (!leftColumns || !rightColumns) return undefined;
    return [...mergedColumns, ...leftColumns.filter((c) => !usingSet.has(c.name)), ...rightColumns.filter((c) => !usingSet.has(c.name))];
  });
  const alias = fields.alias as { aliasname?: string; colnames?: Node[] } | undefined;
  if (alias?.aliasname) {
    // An aliased join hides its sides: only the alias qualifies its columns.
    const aliases = names(alias.colnames);
    const columns = star()?.map((column, i) => ({ name: aliases[i] ?? column.name, sources: column.sources }));
    return { item: [{ refName: alias.aliasname, columns, opaque: columns ? undefined : EMPTY }], star: starOf(columns), merged: new Map() };
  }
  const usingAlias = (fields.join_using_alias as { aliasname?: string } | undefined)?.aliasname;
  const items = [...left.item, ...right.item];
  if (usingAlias) items.push({ refName: usingAlias, columns: mergedColumns });
  return { item: items, star, merged };
}
