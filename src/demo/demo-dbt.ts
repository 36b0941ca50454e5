/**
 * The demo's dbt project: the sample database's views written up as the dbt models that would have built them (each
 * view's SQL as its compiled code, the tables it reads as dbt sources), with a not_null test on each model's first
 * column that is really run here, and the three artifacts dbt 1.8 would write (manifest v12, catalog, run_results).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { qualifiedName, quoteIdent } from '../postgres/quote.js';

const PROJECT = 'northwind';
const GENERATED_AT = new Date().toISOString();
const INVOCATION = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

interface Relation {
  oid: number;
  schema: string;
  name: string;
  kind: string;
  definition: string | null;
  description: string | null;
}

interface Column {
  relation: number;
  name: string;
  type: string;
  position: number;
  description: string | null;
}

const VIEWS_SQL = `select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind as kind,
  pg_get_viewdef(c.oid) as definition, obj_description(c.oid, 'pg_class') as description
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
order by n.nspname, c.relname`;

/** The relations each view reads, from the dependencies of its rewrite rule. */
const DEPENDENCIES_SQL = `select distinct r.ev_class::int as view, t.oid::int as read, n.nspname as schema, t.relname as name, t.relkind as kind,
  obj_description(t.oid, 'pg_class') as description
from pg_depend d
join pg_rewrite r on r.oid = d.objid
join pg_class t on t.oid = d.refobjid
join pg_namespace n on n.oid = t.relnamespace
where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass and t.oid <> r.ev_class and t.relkind in ('r', 'p', 'v', 'm')`;

const COLUMNS_SQL = `select attrelid::int as relation, attname as name, format_type(atttypid, atttypmod) as type, attnum::int as position,
  col_description(attrelid, attnum) as description
from pg_attribute where attnum > 0 and not attisdropped and attrelid = any($1::oid[]) order by attrelid, attnum`;

const metadata = (kind: string, version: string) => ({
  dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/${version}.json`,
  dbt_version: '1.8.9',
  generated_at: GENERATED_AT,
  invocation_id: INVOCATION,
  env: {},
});

/** Writes manifest.json, catalog.json and run_results.json into `dir`; returns how many models and tests. */
export async function writeDemoDbtProject(client: pg.Client, database: string, dir: string): Promise<{ models: number; tests: number }> {
  const views = (await client.query<Relation>(VIEWS_SQL)).rows;
  const reads = (await client.query<Relation & { view: number; read: number }>(DEPENDENCIES_SQL)).rows;
  const viewOids = new Set(views.map((v) => v.oid));
  const sources = new Map(reads.filter((r) => !viewOids.has(r.read)).map((r) => [r.read, { ...r, oid: r.read }]));
  const columns = (await client.query<Column>(COLUMNS_SQL, [[...viewOids, ...sources.keys()]])).rows;
  const columnsOf = (oid: number) => columns.filter((c) => c.relation === oid);
  const idOf = (oid: number): string => {
    const view = views.find((v) => v.oid === oid);
    if (view) return `model.${PROJECT}.${view.name}`;
    const source = sources.get(oid) as Relation;
    return `source.${PROJECT}.${source.schema}.${source.name}`;
  };
  const manifestColumns = (oid: number) =>
    Object.fromEntries(
      columnsOf(oid).map((c) => [
        c.name,
        { name: c.name, description: c.description ?? '', meta: {}, data_type: c.type, constraints: [], quote: null, tags: [] },
      ]),
    );
  const catalogEntry = (relation: Relation, type: string) => ({
    metadata: { type, schema: relation.schema, name: relation.name, database, comment: relation.description, owner: 'postgres' },
    columns: Object.fromEntries(
      columnsOf(relation.oid).map((c) => [c.name, { type: c.type, index: c.position, name: c.name, comment: c.description }]),
    ),
    stats: {},
    unique_id: idOf(relation.oid),
  });

  const nodes: Record<string, unknown> = {};
  const catalogNodes: Record<string, unknown> = {};
  const results: unknown[] = [];
  let tests = 0;
  for (const view of views) {
    const id = idOf(view.oid);
    const compiled = (view.definition ?? '').trim().replace(/;$/, '');
    const materialized = view.kind === 'm' ? 'materialized_view' : 'view';
    nodes[id] = {
      database,
      schema: view.schema,
      name: view.name,
      resource_type: 'model',
      package_name: PROJECT,
      path: `${view.schema}/${view.name}.sql`,
      original_file_path: `models/${view.schema}/${view.name}.sql`,
      unique_id: id,
      fqn: [PROJECT, view.schema, view.name],
      alias: view.name,
      checksum: { name: 'sha256', checksum: createHash('sha256').update(compiled).digest('hex') },
      config: { enabled: true, materialized, schema: view.schema, tags: [PROJECT], meta: {} },
      tags: [PROJECT, view.schema],
      description: view.description ?? '',
      columns: manifestColumns(view.oid),
      meta: {},
      relation_name: qualifiedName(view.schema, view.name),
      raw_code: compiled,
      language: 'sql',
      depends_on: { macros: [], nodes: reads.filter((r) => r.view === view.oid).map((r) => idOf(r.read)) },
      compiled: true,
      compiled_code: compiled,
    };
    catalogNodes[id] = catalogEntry(view, view.kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW');
    results.push({
      status: 'success',
      timing: [],
      thread_id: 'Thread-1',
      execution_time: 0.1,
      adapter_response: {},
      message: 'CREATE VIEW',
      failures: null,
      unique_id: id,
    });
    const [first] = columnsOf(view.oid);
    if (!first) continue;
    // The test runs for real: its result is what the data says.
    const nulls = Number(
      (
        await client.query<{ n: string }>(
          `select count(*) as n from ${qualifiedName(view.schema, view.name)} where ${quoteIdent(first.name)} is null`,
        )
      ).rows[0]?.n,
    );
    const testName = `not_null_${view.name}_${first.name}`;
    const testId = `test.${PROJECT}.${testName}.${createHash('md5').update(testName).digest('hex').slice(0, 10)}`;
    nodes[testId] = {
      database,
      schema: `${view.schema}_dbt_test__audit`,
      name: testName,
      resource_type: 'test',
      package_name: PROJECT,
      path: `${testName}.sql`,
      original_file_path: `models/${view.schema}/schema.yml`,
      unique_id: testId,
      fqn: [PROJECT, view.schema, testName],
      config: { enabled: true, severity: 'ERROR', materialized: 'test' },
      tags: [],
      description: '',
      columns: {},
      meta: {},
      depends_on: { macros: ['macro.dbt.test_not_null'], nodes: [id] },
      column_name: first.name,
      attached_node: id,
      test_metadata: {
        name: 'not_null',
        kwargs: { column_name: first.name, model: `{{ get_where_subquery(ref('${view.name}')) }}` },
        namespace: null,
      },
    };
    results.push({
      status: nulls === 0 ? 'pass' : 'fail',
      timing: [{ name: 'execute', started_at: GENERATED_AT, completed_at: GENERATED_AT }],
      thread_id: 'Thread-1',
      execution_time: 0.05,
      adapter_response: {},
      message: nulls === 0 ? null : `Got ${nulls} results, configured to fail if != 0`,
      failures: nulls,
      unique_id: testId,
    });
    tests += 1;
  }
  const manifestSources = Object.fromEntries(
    [...sources.values()].map((source) => [
      idOf(source.oid),
      {
        database,
        schema: source.schema,
        name: source.name,
        resource_type: 'source',
        package_name: PROJECT,
        path: 'models/sources.yml',
        original_file_path: 'models/sources.yml',
        unique_id: idOf(source.oid),
        fqn: [PROJECT, source.schema, source.name],
        source_name: source.schema,
        identifier: source.name,
        description: source.description ?? '',
        columns: manifestColumns(source.oid),
        meta: {},
        tags: [],
        config: { enabled: true },
      },
    ]),
  );
  const manifest = {
    metadata: { ...metadata('manifest', 'v12'), project_name: PROJECT, adapter_type: 'postgres' },
    nodes,
    sources: manifestSources,
    exposures: {},
    metrics: {},
    disabled: {},
  };
  const catalog = {
    metadata: metadata('catalog', 'v1'),
    nodes: catalogNodes,
    sources: Object.fromEntries([...sources.values()].map((source) => [idOf(source.oid), catalogEntry(source, 'BASE TABLE')])),
    errors: null,
  };
  const runResults = { metadata: metadata('run-results', 'v6'), results, elapsed_time: 1, args: {} };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  writeFileSync(join(dir, 'run_results.json'), JSON.stringify(runResults, null, 2));
  return { models: views.length, tests };
}
