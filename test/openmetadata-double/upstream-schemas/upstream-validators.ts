// OpenMetadata's own 1.4 JSON Schemas, loaded from the reference copy (../shared/reference, from the repository root).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Absent in a fresh clone: tests that need it skip. */
export const specDir = join(repoRoot, '..', 'shared', 'reference', 'openmetadata-spec');
const OM = 'https://open-metadata.org/schema/';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Compiles every upstream schema once; answers the validator of one, by its path under the schema root. */
export function loadUpstream(): (ref: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats OpenMetadata's files use that ajv-formats does not define (see the reference README).
  for (const format of ['utc-millisec', 'autoComplete', 'URI', 'string']) ajv.addFormat(format, true);
  for (const file of jsonFiles(specDir)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    schema.$id = OM + relative(specDir, file).split('\\').join('/');
    ajv.addSchema(schema);
  }
  return (ref) => {
    const validate = ajv.getSchema(OM + ref);
    if (!validate) throw new Error(`upstream schema ${ref} missing`);
    return validate;
  };
}
