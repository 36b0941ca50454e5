// The pure parts of DAG generation: dag ids, the spec built from a workflow, Python literals, literal secrets,
// and rendering hostile names into a file Python still reads exactly.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowConfig } from '../../src/config/types.js';
import { buildDagSpec, defaultDagId, sanitizeDagId } from '../../src/dag/dag-spec.js';
import { load } from 'js-yaml';
import { referenceLiteralSecrets } from '../../src/dag/secret-references.js';
import { pyList, pyString } from '../../src/dag/python-literal.js';
import { renderDag } from '../../src/dag/render-dag.js';
import { tempDir } from '../cli/cli-helpers.js';
import { loadDag, pyCompile, writeAirflowStub } from './dag-python.js';

function workflow(extra: Partial<WorkflowConfig> = {}, serviceName = 'local_pg'): WorkflowConfig {
  return {
    source: { type: 'postgres', serviceName, sourceConfig: { config: { type: 'Profiler' } } },
    workflowConfig: { openMetadataServerConfig: { hostPort: 'http://x/api' } },
    ...extra,
  };
}

describe('dag ids', () => {
  it('turn each run of other characters into one underscore', () => {
    expect(sanitizeDagId('my svc.prod/01')).toBe('my_svc_prod_01');
    expect(sanitizeDagId('a--b__c')).toBe('a--b__c');
    expect(sanitizeDagId('ünïcode name')).toBe('_n_code_name');
    expect(sanitizeDagId('!!!')).toBe('_');
  });

  it('are at most 250 characters', () => {
    expect(sanitizeDagId('x'.repeat(300))).toHaveLength(250);
  });

  it('default to the pipeline name, else <service>_<workflow kind>', () => {
    expect(defaultDagId(workflow())).toBe('local_pg_profiler');
    expect(defaultDagId(workflow({ ingestionPipelineFQN: 'local_pg.daily_profiler' }))).toBe('daily_profiler');
    expect(defaultDagId(workflow({ ingestionPipelineFQN: 'local_pg."odd.name"' }))).toBe('odd_name');
  });
});

describe('buildDagSpec', () => {
  it("fills OpenMetadata's airflowConfig defaults", () => {
    const spec = buildDagSpec([{ config: workflow(), sourceFile: '/etc/wf/profiler.yaml' }], { workerPath: 'om-worker' });
    expect(spec.tasks).toEqual([
      expect.objectContaining({
        taskId: 'profiler_task',
        configFileName: 'local_pg_profiler.yaml',
        functionName: 'run_task_profiler_task',
        kind: 'profiler',
      }),
    ]);
    expect(spec.dependencies).toEqual([]);
    expect(spec).toMatchObject({
      dagId: 'local_pg_profiler',
      retries: 0,
      retryDelaySeconds: 300,
      schedule: 'None',
      catchup: false,
      maxActiveRuns: 1,
      maxActiveTasks: 1,
      paused: false,
      sourceName: 'profiler.yaml',
    });
    expect(spec.timeoutSeconds).toBe(12 * 3600);
    expect(spec.runTimeoutSeconds).toBeUndefined();
  });

  it('takes dates as aware datetimes', () => {
    const at = (startDate: string) =>
      buildDagSpec([{ config: workflow({ airflowConfig: { startDate } }), sourceFile: 'f.yaml' }], { workerPath: 'w' }).startDate;
    expect(at('2024-02-29')).toBe('2024-02-29T00:00:00+00:00');
    expect(at('2024-02-29T10:00:00Z')).toBe('2024-02-29T10:00:00+00:00');
    expect(at('2024-02-29T10:00:00+05:30')).toBe('2024-02-29T10:00:00+05:30');
  });

  it('keeps doc_md free of markup a filter pattern could carry in', () => {
    const config = workflow();
    (config.source.sourceConfig.config as unknown as Record<string, unknown>).schemaFilterPattern = {
      includes: ['^a`\n\n<img src=x onerror=alert(1)>'],
    };
    const spec = buildDagSpec([{ config, sourceFile: 'f.yaml' }], { workerPath: 'w' });
    expect(spec.docMd).toContain("schema includes `^a' <img src=x onerror=alert(1)>`");
    expect(spec.docMd.split('\n').filter((line) => line.includes('<img'))).toHaveLength(1);
  });

  it('gives each task of a long pipeline a ConfigMap of its own', () => {
    const of = (type: string) => ({
      config: { ...workflow(), source: { type: 'postgres', serviceName: 'local', sourceConfig: { config: { type } } } } as WorkflowConfig,
      sourceFile: `${type}.yaml`,
    });
    const spec = buildDagSpec([of('DatabaseMetadata'), of('Profiler')], {
      workerPath: 'w',
      pipeline: 'warehouse_production_postgres_nightly_ingestion',
    });
    const [first, second] = spec.tasks.map((t) => t.configMapName);
    expect(first).not.toBe(second);
    for (const name of [first, second]) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  it('orders a pipeline: metadata, then usage and lineage, then profiler, then data quality and dbt', () => {
    const of = (type: string) => ({
      config: { ...workflow(), source: { type: 'postgres', serviceName: 'pg', sourceConfig: { config: { type } } } } as WorkflowConfig,
      sourceFile: `${type}.yaml`,
    });
    const spec = buildDagSpec([of('DBT'), of('Profiler'), of('DatabaseLineage'), of('DatabaseMetadata'), of('DatabaseUsage'), of('TestSuite')], {
      workerPath: 'w',
      pipeline: 'nightly pg',
    });
    expect(spec.dagId).toBe('nightly_pg');
    expect(spec.tasks.map((t) => [t.taskId, t.configFileName])).toEqual([
      ['pg_dbt', 'nightly_pg__pg_dbt.yaml'],
      ['pg_profiler', 'nightly_pg__pg_profiler.yaml'],
      ['pg_lineage', 'nightly_pg__pg_lineage.yaml'],
      ['pg_metadata', 'nightly_pg__pg_metadata.yaml'],
      ['pg_usage', 'nightly_pg__pg_usage.yaml'],
      ['pg_testSuite', 'nightly_pg__pg_testSuite.yaml'],
    ]);
    expect(spec.dependencies).toEqual([
      'task_pg_metadata >> [task_pg_lineage, task_pg_usage]',
      'task_pg_lineage >> [task_pg_profiler]',
      'task_pg_usage >> [task_pg_profiler]',
      'task_pg_profiler >> [task_pg_dbt, task_pg_testSuite]',
    ]);
  });
});

describe('Python literals', () => {
  it('quote and escape strings and lists', () => {
    expect(pyString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
    expect(pyList(['x', 'y"'])).toBe('["x", "y\\""]');
  });
});

describe('referenceLiteralSecrets', () => {
  it('replaces secrets written out, in place, leaving references, comments and the rest as written', () => {
    const text = [
      '# a comment that stays',
      'source:',
      '  serviceConnection:',
      '    config:',
      '      password: plain-old # trailing',
      '      authType: {password: "quoted \\" one"}',
      '      hostPort: db:5432',
      '      connectionArguments:',
      '        sslpassword: ${PG_SSL}',
      'workflowConfig:',
      '  openMetadataServerConfig:',
      '    securityConfig:',
      "      jwtToken: 'eyJ.literal'",
    ].join('\n');
    const scan = referenceLiteralSecrets(text);
    expect(scan.text.split('\n')).toEqual([
      '# a comment that stays',
      'source:',
      '  serviceConnection:',
      '    config:',
      '      password: "${OMGEN_SOURCE_PASSWORD}" # trailing',
      '      authType: {password: "${OMGEN_SOURCE_PASSWORD}"}',
      '      hostPort: db:5432',
      '      connectionArguments:',
      '        sslpassword: ${PG_SSL}',
      'workflowConfig:',
      '  openMetadataServerConfig:',
      '    securityConfig:',
      "      jwtToken: '${OMGEN_OPENMETADATA_JWT_TOKEN}'",
    ]);
    expect(scan.replaced.map((r) => [r.key, r.line, r.variable])).toEqual([
      ['source.serviceConnection.config.password', 5, 'OMGEN_SOURCE_PASSWORD'],
      ['source.serviceConnection.config.authType.password', 6, 'OMGEN_SOURCE_PASSWORD'],
      ['workflowConfig.openMetadataServerConfig.securityConfig.jwtToken', 13, 'OMGEN_OPENMETADATA_JWT_TOKEN'],
    ]);
    expect([...scan.variables].sort()).toEqual(['OMGEN_OPENMETADATA_JWT_TOKEN', 'OMGEN_SOURCE_PASSWORD', 'PG_SSL']);
    expect(load(scan.text)).toMatchObject({ source: { serviceConnection: { config: { authType: { password: '${OMGEN_SOURCE_PASSWORD}' } } } } });
  });

  it('replaces a secret written as a number, and one with a $ in it that is not one whole reference', () => {
    const scan = referenceLiteralSecrets(
      [
        'source:',
        '  serviceConnection:',
        '    config:',
        '      connectionArguments:',
        '        sslpassword: 987654321',
        '      password: Xy7$Kq2!',
      ].join('\n'),
    );
    expect(scan.text).not.toContain('987654321');
    expect(scan.text).not.toContain('Xy7');
    expect(scan.replaced.map((r) => r.variable)).toEqual(['OMGEN_SOURCE_CONNECTION_ARGUMENTS_SSLPASSWORD', 'OMGEN_SOURCE_PASSWORD']);
  });

  it('leaves a block scalar to the caller, and a file that is no YAML as it is', () => {
    const scan = referenceLiteralSecrets(
      ['workflowConfig:', '  openMetadataServerConfig:', '    securityConfig:', '      jwtToken: |', '        eyJ.block'].join('\n'),
    );
    expect(scan.unreplaceable.map((r) => r.key)).toEqual(['workflowConfig.openMetadataServerConfig.securityConfig.jwtToken']);
    expect(referenceLiteralSecrets('a: [').text).toBe('a: [');
  });
});

describe('renderDag with hostile names', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('dag-spec');
    await writeAirflowStub(join(dir, 'stub'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('still compiles, and Python reads back exactly the names given', async () => {
    const service = 'svc """ with \\ and \'quotes\' \u2028 end\\';
    const worker = '/opt/we"ird/pa\\th/om-worker $HOME {{ ds }}';
    const spec = buildDagSpec([{ config: workflow({}, service), sourceFile: '/x/we"ird""".yaml' }], { workerPath: worker });
    const file = join(dir, 'hostile.py');
    await writeFile(file, renderDag(spec));
    const compiled = await pyCompile(file, join(dir, 'pycache'));
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const loaded = await loadDag(join(dir, 'stub'), file);
    expect(loaded.OM_WORKER).toBe(worker);
    expect(loaded.dag.description).toBe(spec.description);
    expect(String(loaded.dag.description)).toContain(service);
  });

  it('renders the same bytes for the same spec', () => {
    const spec = buildDagSpec([{ config: workflow({ airflowConfig: { scheduleInterval: '@daily', retries: 2 } }), sourceFile: 'f.yaml' }], {
      workerPath: 'w',
    });
    expect(renderDag(spec)).toBe(renderDag({ ...spec }));
    expect(renderDag(spec)).toContain('schedule="@daily"');
  });
});
