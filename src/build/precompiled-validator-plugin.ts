import type { Plugin } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createConfigAjv } from '../config/schema-validator.js';
import { WORKFLOW_SCHEMA_ID } from '../config/schemas.js';

/**
 * Replaces src/config/precompiled-validator.ts in the bundles with ajv's generated code for the workflow schema,
 * so the worker validates its config without compiling schemas at every start (~200 ms).
 */
export function precompiledValidatorPlugin(root: string): Plugin {
  return {
    name: 'omgen-precompiled-validator',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]config[\\/]precompiled-validator\.ts$/ }, () => {
        const ajv = createConfigAjv({ code: { source: true, esm: true } });
        if (!ajv.getSchema(WORKFLOW_SCHEMA_ID)) throw new Error(`schema ${WORKFLOW_SCHEMA_ID} did not compile`);
        const contents = standaloneCode(ajv, { precompiledValidator: WORKFLOW_SCHEMA_ID });
        return { contents, loader: 'js', resolveDir: root };
      });
    },
  };
}
