// `omgen dag --operator kubernetes`: a KubernetesPodOperator per workflow, running the om-worker image with the
// workflow in its environment (base64: no template can read anything into it) and its secrets from Kubernetes
// Secrets; the pod's command is run here as the pod would run it, against a real Postgres.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg.js';
import { lines, listDir, metadataWorkflowLines, pgTarget, runOmgen, tempDir, WORKER, writeWorkflow } from '../cli/cli-helpers.js';
import { loadDag, pyCompile, writeAirflowStub } from './dag-python.js';

let dir: string;
let stubDir: string;
let db: TestDatabase;

beforeAll(async () => {
  dir = await tempDir('dag-k8s');
  stubDir = join(dir, 'stub');
  await writeAirflowStub(stubDir);
  db = await createTestDatabase('dag_k8s');
});

afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('omgen dag --operator kubernetes', () => {
  it('runs the worker image with the workflow in its environment and its secrets from Kubernetes Secrets', async () => {
    const output = join(dir, 'pod {{ ds }} out.ndjson');
    const target = { ...pgTarget(db.url), password: 'Literal-Pod-Password' };
    const file = await writeWorkflow(dir, 'pod.yaml', metadataWorkflowLines({ target, sinkFile: output, jwtToken: '${OM_TOKEN}' }));
    const dags = join(dir, 'dags');
    const result = await runOmgen([
      'dag',
      file,
      '--out',
      dags,
      '--operator',
      'kubernetes',
      '--image',
      'registry.example.com/om-worker:0.1.0',
      '--namespace',
      'data-platform',
      '--secret',
      'OMGEN_SOURCE_PASSWORD=k8s:pg-credentials.password',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const dagFile = join(dags, 'test_svc_metadata.py');
    expect((await pyCompile(dagFile, join(dir, 'pycache'))).exitCode).toBe(0);
    const dag = await loadDag(stubDir, dagFile);
    expect(dag.tasks).toHaveLength(1);
    const [pod] = dag.tasks as Array<Record<string, any>>;
    expect(pod).toMatchObject({
      task_id: 'ingestion_task',
      name: 'test-svc-metadata-ingestion-task',
      image: 'registry.example.com/om-worker:0.1.0',
      namespace: 'data-platform',
      cmds: ['om-worker'],
      arguments: ['run', '-c', 'env:OMGEN_WORKFLOW'],
      secrets: [{ repr: 'Secret(env, OMGEN_SOURCE_PASSWORD, pg-credentials, password)' }],
      get_logs: true,
      do_xcom_push: false,
    });
    const encoded = String(pod.env_vars.OMGEN_WORKFLOW);
    expect(encoded).toMatch(/^[A-Za-z0-9+/=]+$/);
    const workflow = Buffer.from(encoded, 'base64').toString('utf8');
    expect(workflow).toBe(await readFile(join(dags, 'test_svc_metadata.yaml'), 'utf8'));
    expect(workflow).not.toContain('Literal-Pod-Password');
    expect(await readFile(dagFile, 'utf8')).not.toContain('Literal-Pod-Password');

    // The pod: the image's om-worker with the operator's arguments, its env_vars, and the Secret's key as a variable.
    const podRun = await execa(WORKER, pod.arguments as string[], {
      reject: false,
      env: { ...pod.env_vars, OMGEN_SOURCE_PASSWORD: 'from-the-secret', OM_TOKEN: 'unused' },
    });
    expect(podRun.exitCode, String(podRun.stderr)).toBe(0);
    expect(existsSync(output)).toBe(true);
  });

  it('with --pod-config configmap, the workflow travels in a ConfigMap whose manifest is written beside the DAG', async () => {
    const output = join(dir, 'configmap-out.ndjson');
    const file = await writeWorkflow(
      dir,
      'configmap.yaml',
      metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: output, jwtToken: '${OM_TOKEN}' }),
    );
    const dags = join(dir, 'configmap-dags');
    const result = await runOmgen([
      'dag',
      file,
      '--out',
      dags,
      '--operator',
      'kubernetes',
      '--image',
      'om-worker:1',
      '--pod-config',
      'configmap',
      '--namespace',
      'etl',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await listDir(dags)).toEqual(['test_svc_metadata.configmap.yaml', 'test_svc_metadata.py', 'test_svc_metadata.yaml']);
    const [pod] = (await loadDag(stubDir, join(dags, 'test_svc_metadata.py'))).tasks as Array<Record<string, any>>;
    expect(pod).toMatchObject({
      configmaps: [expect.stringMatching(/^test-svc-metadata-ingestion-task-[0-9a-f]{8}-wf$/)],
      arguments: ['run', '-c', 'env:OMGEN_WORKFLOW'],
    });
    expect(pod).not.toHaveProperty('env_vars');
    const manifest = load(await readFile(join(dags, 'test_svc_metadata.configmap.yaml'), 'utf8')) as Record<string, any>;
    expect(manifest).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: pod.configmaps[0], namespace: 'etl' },
    });
    const workflow = Buffer.from(String(manifest.data.OMGEN_WORKFLOW), 'base64').toString('utf8');
    expect(workflow).toBe(await readFile(join(dags, 'test_svc_metadata.yaml'), 'utf8'));
    // The pod: its environment from the ConfigMap (envFrom), the secret's key as a variable.
    const podRun = await execa(WORKER, pod.arguments as string[], {
      reject: false,
      env: { ...manifest.data, OMGEN_SOURCE_PASSWORD: 'from-the-secret', OM_TOKEN: 'unused' },
    });
    expect(podRun.exitCode, String(podRun.stderr)).toBe(0);
    expect(existsSync(output)).toBe(true);
  });

  it('needs an image, and takes secrets only from Kubernetes', async () => {
    const file = await writeWorkflow(dir, 'pod2.yaml', metadataWorkflowLines({ target: pgTarget(db.url), sinkFile: join(dir, 'x.ndjson') }));
    const noImage = await runOmgen(['dag', file, '--out', join(dir, 'none'), '--operator', 'kubernetes']);
    expect(noImage.exitCode).toBe(2);
    expect(noImage.stderr).toContain('--operator kubernetes needs --image');
    const connection = await runOmgen([
      'dag',
      file,
      '--out',
      join(dir, 'none'),
      '--operator',
      'kubernetes',
      '--image',
      'i',
      '--secret',
      'OMGEN_SOURCE_PASSWORD=conn:pg.password',
    ]);
    expect(connection.exitCode).toBe(2);
    expect(lines(connection.stderr)).toEqual([
      'omgen: --operator kubernetes: a pod takes its secrets from Kubernetes Secrets: use --secret VAR=k8s:SECRET_NAME.KEY',
    ]);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});
