/**
 * Fields newer OpenMetadata servers take and 1.4 refuses, derived from the 1.4-shaped body every record holds (the
 * file sink writes that shape too, so `om-worker push` adds them just the same, for the server it reaches).
 */
type Body = Record<string, unknown>;

interface Column {
  name?: string;
  constraint?: string;
}

interface Constraint {
  constraintType?: string;
  columns?: string[];
  referredColumns?: string[];
  relationshipType?: string;
}

/** A Postgres routine's kind, read from its definition as pg_get_functiondef prints it. */
export function storedProcedureType(body: Body): 'StoredProcedure' | 'Function' {
  const code = (body.storedProcedureCode as { code?: string } | undefined)?.code ?? '';
  return /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?PROCEDURE\b/i.test(code) ? 'StoredProcedure' : 'Function';
}

/**
 * Each foreign key's relationshipType, as OpenMetadata's ingestion decides it from the first column of each side:
 * unique here and there is ONE_TO_ONE, only here ONE_TO_MANY, only there MANY_TO_ONE, neither MANY_TO_MANY. The
 * referred side of a single-column key is unique by Postgres's own rule (a foreign key references a unique key);
 * the first column of a composite one is taken as not unique alone.
 */
export function withRelationshipTypes(body: Body): Body {
  const constraints = body.tableConstraints as Constraint[] | undefined;
  if (!constraints?.some((c) => c.constraintType === 'FOREIGN_KEY')) return body;
  const columns = (body.columns as Column[] | undefined) ?? [];
  const uniqueHere = (name: string | undefined) =>
    columns.some((c) => c.name === name && (c.constraint === 'PRIMARY_KEY' || c.constraint === 'UNIQUE'));
  const typed = constraints.map((constraint) => {
    if (constraint.constraintType !== 'FOREIGN_KEY') return constraint;
    const here = uniqueHere(constraint.columns?.[0]);
    const there = (constraint.referredColumns?.length ?? 0) === 1;
    const relationshipType = here ? (there ? 'ONE_TO_ONE' : 'ONE_TO_MANY') : there ? 'MANY_TO_ONE' : 'MANY_TO_MANY';
    return { ...constraint, relationshipType };
  });
  return { ...body, tableConstraints: typed };
}
