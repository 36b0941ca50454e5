/**
 * A large dbt project's artifacts, deterministic: `models` models in 20 schemas over 100 source tables, each model
 * reading one to three earlier models or sources (joins on `id`, a dozen columns each, one in ten aggregated), every
 * model documented with column descriptions and tags, two tests per model (unique and not_null on `id`) with their
 * results, and a catalog of every relation. Manifest v12 and run-results v6, as dbt 1.8 writes them.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../query-log/rng.js';

const SCHEMAS = 20;
const SOURCES = 100;
const COLUMNS = ['id', 'account_id', 'amount', 'quantity', 'status', 'category', 'created_at', 'updated_at', 'note', 'score', 'region', 'flag'];
const TYPES = [
  'integer',
  'integer',
  'numeric(12,2)',
  'integer',
  'text',
  'character varying(40)',
  'timestamp with time zone',
  'timestamp with time zone',
  'text',
  'double precision',
  'text',
  'boolean',
];

type Json = Record<string, unknown>;

const quoted = (database: string, schema: string, name: string): string => `"${database}"."${schema}"."${name}"`;

function columnsMap(describe: boolean): Json {
  return Object.fromEntries(
    COLUMNS.map((name) => [
      name,
      {
        name,
        description: describe ? `The ${name.replace('_', ' ')} of the row.` : '',
        meta: {},
        data_type: null,
        constraints: [],
        quote: null,
        tags: [],
      },
    ]),
  );
}

function catalogColumns(): Json {
  return Object.fromEntries(COLUMNS.map((name, i) => [name, { type: TYPES[i], index: i + 1, name, comment: null }]));
}

export interface DbtBenchArtifacts {
  manifest: Json;
  catalog: Json;
  runResults: Json;
  models: number;
  tests: number;
  /** Lineage edges the project implies (one per model and upstream). */
  edges: number;
}

export function generateDbtProject(models: number, database = 'warehouse', seed = 7): DbtBenchArtifacts {
  const rng = new Rng(seed);
  const nodes: Json = {};
  const sources: Json = {};
  const catalogNodes: Json = {};
  const catalogSources: Json = {};
  const results: Json[] = [];
  const relations: Array<{ id: string; schema: string; name: string }> = [];
  for (let s = 0; s < SOURCES; s++) {
    const id = `source.bench.raw.table_${s}`;
    sources[id] = {
      database,
      schema: 'raw',
      name: `table_${s}`,
      resource_type: 'source',
      package_name: 'bench',
      path: 'models/sources.yml',
      original_file_path: 'models/sources.yml',
      unique_id: id,
      fqn: ['bench', 'raw', `table_${s}`],
      source_name: 'raw',
      source_description: '',
      loader: '',
      identifier: `table_${s}`,
      quoting: {},
      loaded_at_field: null,
      freshness: { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null },
      external: null,
      description: `Raw table ${s}.`,
      columns: columnsMap(true),
      meta: {},
      source_meta: {},
      tags: [],
      config: { enabled: true },
      patch_path: null,
      unrendered_config: {},
      relation_name: quoted(database, 'raw', `table_${s}`),
      created_at: 1700000000,
    };
    catalogSources[id] = {
      metadata: { type: 'BASE TABLE', schema: 'raw', name: `table_${s}`, database, comment: null, owner: 'loader' },
      columns: catalogColumns(),
      stats: {},
      unique_id: id,
    };
    relations.push({ id, schema: 'raw', name: `table_${s}` });
  }
  let edges = 0;
  for (let m = 0; m < models; m++) {
    const schema = `mart_${m % SCHEMAS}`;
    const name = `model_${m}`;
    const id = `model.bench.${name}`;
    const upstreamCount = rng.int(1, 3);
    const upstream = [...new Set(Array.from({ length: upstreamCount }, () => rng.pick(relations)))];
    edges += upstream.length;
    const aliases = upstream.map((_, i) => `t${i}`);
    const from = upstream
      .map((u, i) =>
        i === 0 ? `from ${quoted(database, u.schema, u.name)} as t0` : `join ${quoted(database, u.schema, u.name)} as t${i} on t${i}.id = t0.id`,
      )
      .join('\n');
    const aggregated = m % 10 === 0;
    const select = aggregated
      ? `select t0.id, max(t0.account_id) as account_id, sum(t0.amount) as amount, sum(t0.quantity) as quantity, max(t0.status) as status, max(t0.category) as category, min(t0.created_at) as created_at, max(t0.updated_at) as updated_at, max(t0.note) as note, avg(t0.score) as score, max(t0.region) as region, bool_or(t0.flag) as flag\n${from}\ngroup by t0.id`
      : `select t0.id, t0.account_id, ${aliases.map((a) => `${a}.amount`).join(' + ')} as amount, t0.quantity, coalesce(${aliases.map((a) => `${a}.status`).join(', ')}) as status, t0.category, t0.created_at, t0.updated_at, t0.note, t0.score, t0.region, t0.flag\n${from}\nwhere t0.flag is not null`;
    const raw = select.replaceAll(/"[^"]+"\."([^"]+)"\."([^"]+)"/g, (_, s: string, n: string) =>
      s === 'raw' ? `{{ source('raw', '${n}') }}` : `{{ ref('${n}') }}`,
    );
    nodes[id] = {
      database,
      schema,
      name,
      resource_type: 'model',
      package_name: 'bench',
      path: `${schema}/${name}.sql`,
      original_file_path: `models/${schema}/${name}.sql`,
      unique_id: id,
      fqn: ['bench', schema, name],
      alias: name,
      checksum: { name: 'sha256', checksum: createHash('sha256').update(raw).digest('hex') },
      config: {
        enabled: true,
        alias: null,
        schema,
        database: null,
        tags: ['bench'],
        meta: { owner: `owner_${m % 7}` },
        materialized: m % 3 === 0 ? 'view' : 'table',
      },
      tags: ['bench', `layer_${m % 4}`],
      description: `Model ${m} of the bench project.`,
      columns: columnsMap(true),
      meta: { owner: `owner_${m % 7}` },
      group: null,
      docs: { show: true, node_color: null },
      patch_path: `bench://models/${schema}/schema.yml`,
      build_path: null,
      unrendered_config: {},
      created_at: 1700000000,
      relation_name: quoted(database, schema, name),
      raw_code: raw,
      language: 'sql',
      refs: upstream.filter((u) => u.schema !== 'raw').map((u) => ({ name: u.name, package: null, version: null })),
      sources: upstream.filter((u) => u.schema === 'raw').map((u) => ['raw', u.name]),
      metrics: [],
      depends_on: { macros: [], nodes: upstream.map((u) => u.id) },
      compiled_path: `target/compiled/bench/models/${schema}/${name}.sql`,
      compiled: true,
      compiled_code: select,
      extra_ctes_injected: true,
      extra_ctes: [],
      contract: { enforced: false, alias_types: true, checksum: null },
      access: 'protected',
      constraints: [],
      version: null,
      latest_version: null,
      deprecation_date: null,
    };
    catalogNodes[id] = {
      metadata: { type: m % 3 === 0 ? 'VIEW' : 'BASE TABLE', schema, name, database, comment: null, owner: 'dbt' },
      columns: catalogColumns(),
      stats: {},
      unique_id: id,
    };
    results.push({
      status: 'success',
      timing: [],
      thread_id: 'Thread-1',
      execution_time: 0.1,
      adapter_response: {},
      message: 'SELECT 0',
      failures: null,
      unique_id: id,
      compiled: true,
      compiled_code: select,
      relation_name: quoted(database, schema, name),
    });
    for (const test of ['unique', 'not_null']) {
      const testName = `${test}_${name}_id`;
      const testId = `test.bench.${testName}.${createHash('md5').update(testName).digest('hex').slice(0, 10)}`;
      nodes[testId] = {
        database,
        schema: `${schema}_dbt_test__audit`,
        name: testName,
        resource_type: 'test',
        package_name: 'bench',
        path: testName + '.sql',
        original_file_path: `models/${schema}/schema.yml`,
        unique_id: testId,
        fqn: ['bench', schema, testName],
        alias: testName,
        checksum: { name: 'none', checksum: '' },
        config: { enabled: true, severity: 'ERROR', materialized: 'test' },
        tags: [],
        description: '',
        columns: {},
        meta: {},
        raw_code: `{{ test_${test}(**_dbt_generic_test_kwargs) }}`,
        language: 'sql',
        refs: [{ name, package: null, version: null }],
        sources: [],
        depends_on: { macros: [`macro.dbt.test_${test}`], nodes: [id] },
        compiled: true,
        column_name: 'id',
        file_key_name: `models.${name}`,
        attached_node: id,
        test_metadata: { name: test, kwargs: { column_name: 'id', model: `{{ get_where_subquery(ref('${name}')) }}` }, namespace: null },
      };
      const failed = rng.chance(0.05);
      results.push({
        status: failed ? 'fail' : 'pass',
        timing: [{ name: 'execute', started_at: '2026-01-01T00:00:00.000000Z', completed_at: '2026-01-01T00:00:01.000000Z' }],
        thread_id: 'Thread-2',
        execution_time: 0.05,
        adapter_response: {},
        message: failed ? 'Got 1 result, configured to fail if != 0' : null,
        failures: failed ? 1 : 0,
        unique_id: testId,
        compiled: true,
        compiled_code: 'select 1',
        relation_name: null,
      });
    }
    relations.push({ id, schema, name });
  }
  const metadata = (kind: string, version: string) => ({
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/${version}.json`,
    dbt_version: '1.8.9',
    generated_at: '2026-01-01T00:00:00.000000Z',
    invocation_id: '00000000-0000-4000-8000-000000000007',
    env: {},
  });
  return {
    manifest: {
      metadata: {
        ...metadata('manifest', 'v12'),
        project_name: 'bench',
        project_id: createHash('md5').update('bench').digest('hex'),
        adapter_type: 'postgres',
      },
      nodes,
      sources,
      macros: {},
      docs: {},
      exposures: {},
      metrics: {},
      groups: {},
      selectors: {},
      disabled: {},
      parent_map: {},
      child_map: {},
      group_map: {},
      saved_queries: {},
      semantic_models: {},
      unit_tests: {},
    },
    catalog: { metadata: metadata('catalog', 'v1'), nodes: catalogNodes, sources: catalogSources, errors: null },
    runResults: { metadata: metadata('run-results', 'v6'), results, elapsed_time: 10, args: {} },
    models,
    tests: models * 2,
    edges,
  };
}
