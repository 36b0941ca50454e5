import { fieldsOf, names, nodeType, type Fields } from './ast.js';

/**
 * The name Postgres gives a select-list column that has no alias (its FigureColname): a column reference's last
 * name, a function's name, `case`, `coalesce`, ... and `?column?` when nothing names it.
 */
export function columnNameOf(node: unknown): string {
  return figure(node) ?? '?column?';
}

const NAMED_BY_TYPE: Readonly<Record<string, string>> = {
  CaseExpr: 'case',
  CoalesceExpr: 'coalesce',
  A_ArrayExpr: 'array',
  RowExpr: 'row',
  NullIfExpr: 'nullif',
  GroupingFunc: 'grouping',
  XmlSerialize: 'xmlserialize',
};

function figure(node: unknown): string | undefined {
  const type = nodeType(node);
  if (!type) return undefined;
  const fields = fieldsOf<Fields>(node, type) ?? {};
  switch (type) {
    case 'ColumnRef': {
      const parts = names(fields.fields as never);
      const last = parts[parts.length - 1];
      return last && last !== '*' ? last : undefined;
    }
    case 'A_Indirection': {
      const parts = names(fields.indirection as never).filter((part) => part !== '');
      return parts[parts.length - 1] ?? figure(fields.arg);
    }
    case 'FuncCall': {
      const parts = names(fields.funcname as never);
      return parts[parts.length - 1];
    }
    case 'TypeCast':
      return figure(fields.arg) ?? typeName(fields.typeName);
    case 'A_Expr':
      return fields.kind === 'AEXPR_NULLIF' ? 'nullif' : undefined;
    case 'CollateClause':
      return figure(fields.arg);
    case 'MinMaxExpr':
      return fields.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'SQLValueFunction':
      return sqlValueFunctionName(String(fields.op ?? ''));
    case 'SubLink': {
      const kind = fields.subLinkType;
      if (kind === 'EXISTS_SUBLINK') return 'exists';
      if (kind === 'ARRAY_SUBLINK') return 'array';
      if (kind === 'EXPR_SUBLINK' || kind === 'MULTIEXPR_SUBLINK') {
        const select = fieldsOf<{ targetList?: unknown[] }>(fields.subselect, 'SelectStmt');
        const first = fieldsOf<{ name?: string; val?: unknown }>(select?.targetList?.[0], 'ResTarget');
        return first?.name ?? figure(first?.val);
      }
      return undefined;
    }
    default:
      return NAMED_BY_TYPE[type];
  }
}

function typeName(node: unknown): string | undefined {
  const parts = names((node as { names?: never } | undefined)?.names);
  const last = parts[parts.length - 1];
  return last === undefined ? undefined : last;
}

/** `SVFOP_CURRENT_DATE` → `current_date`; typmod variants (`SVFOP_CURRENT_TIME_N`) name the same. */
function sqlValueFunctionName(op: string): string | undefined {
  const name = op
    .replace(/^SVFOP_/, '')
    .replace(/_N$/, '')
    .toLowerCase();
  return name || undefined;
}
