import { load } from 'js-yaml';

const SECRET_PATHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['source', 'serviceConnection', 'config', 'password'],
  ['source', 'serviceConnection', 'config', 'authType', 'password'],
  ['workflowConfig', 'openMetadataServerConfig', 'securityConfig', 'jwtToken'],
];

/** Secret keys whose value is written out in the file instead of coming from `$VAR`. */
export function literalSecretKeys(rawText: string): string[] {
  let document: unknown;
  try {
    document = load(rawText);
  } catch {
    return [];
  }
  return SECRET_PATHS.filter((path) => {
    let node: unknown = document;
    for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return typeof node === 'string' && !node.includes('$');
  }).map((path) => path.join('.'));
}
