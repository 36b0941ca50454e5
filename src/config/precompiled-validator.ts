import type { ValidateFunction } from 'ajv';

/**
 * The workflow validator, compiled to code when the worker is bundled (src/build replaces this module), so a run
 * does not spend ~200 ms compiling schemas. Running from the sources, there is none and the schemas compile at start.
 */
export const precompiledValidator: ValidateFunction | undefined = undefined;
