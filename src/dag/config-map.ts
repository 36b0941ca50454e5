import { dump } from 'js-yaml';

/**
 * A ConfigMap manifest holding one workflow copy for a pod (`kubectl apply -f`): the pod takes its environment from it
 * and runs `om-worker run -c env:OMGEN_WORKFLOW`. The workflow is base64 there too, as inline, so both read the same;
 * it holds no secret (those are references, filled from Kubernetes Secrets).
 */
export function configMapManifest(name: string, namespace: string | undefined, workflow: string): string {
  const manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(namespace ? { namespace } : {}), labels: { 'app.kubernetes.io/managed-by': 'omgen' } },
    data: { OMGEN_WORKFLOW: Buffer.from(workflow, 'utf8').toString('base64') },
  };
  return `# Written by omgen dag: apply it before the DAG runs (kubectl apply -f), again whenever omgen rewrites it.\n${dump(manifest, { lineWidth: -1 })}`;
}
