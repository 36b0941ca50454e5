import type { SecretSource } from './dag-spec.js';

/** A `--secret` option that cannot be used, said in one line. */
export class SecretOptionError extends Error {
  override name = 'SecretOptionError';
  readonly exitCode = 2;
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONNECTION = /^conn:([^.\s]+)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const AIRFLOW_VARIABLE = /^var:(\S+)$/;
const KUBERNETES_SECRET = /^k8s:([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\.([-._a-zA-Z0-9]+)$/;

/**
 * `--secret VAR=conn:ID.field` (an Airflow Connection's password, login, host, extra, ...), `--secret VAR=var:NAME`
 * (an Airflow Variable) or, for pods, `--secret VAR=k8s:SECRET_NAME.KEY` (a Kubernetes Secret): where VAR's value
 * comes from when the task runs.
 */
export function parseSecretOption(option: string): [string, SecretSource] {
  const at = option.indexOf('=');
  const variable = at > 0 ? option.slice(0, at) : '';
  const where = option.slice(at + 1);
  if (!VARIABLE.test(variable)) throw new SecretOptionError(`--secret ${option}: expected VAR=conn:CONNECTION_ID.FIELD or VAR=var:VARIABLE_NAME`);
  const connection = CONNECTION.exec(where);
  if (connection) return [variable, { kind: 'conn', id: connection[1] as string, field: connection[2] as string }];
  const airflowVariable = AIRFLOW_VARIABLE.exec(where);
  if (airflowVariable) return [variable, { kind: 'var', name: airflowVariable[1] as string }];
  const kubernetes = KUBERNETES_SECRET.exec(where);
  if (kubernetes) return [variable, { kind: 'k8s', secret: kubernetes[1] as string, key: kubernetes[3] as string }];
  throw new SecretOptionError(`--secret ${option}: '${where}' is neither conn:CONNECTION_ID.FIELD, var:VARIABLE_NAME nor k8s:SECRET_NAME.KEY`);
}
