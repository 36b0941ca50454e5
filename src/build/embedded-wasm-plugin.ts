import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * libpg-query's loader reads `libpg-query.wasm` from beside its own script with `fs` and takes no bytes from its
 * caller, so a bundle (and the single executable) would look for a file that is not there. This hook rewrites the
 * loader so it starts from bytes esbuild inlines. The patched texts are exact: when a libpg-query release changes
 * them, the build fails here instead of shipping a worker that cannot parse.
 */
const PATCHES: ReadonlyArray<{ find: string; replace: string }> = [
  // The bytes, inlined by esbuild's `binary` loader; reading them is deferred to the loader's first call.
  { find: 'var wasmBinary;', replace: 'var wasmBinary=require("./libpg-query.wasm");' },
  // Set bytes skip the asynchronous file read; the synchronous getter is the one left to answer.
  { find: 'function getBinarySync(file){', replace: 'function getBinarySync(file){if(wasmBinary)return wasmBinary;' },
];

export function embeddedWasmPlugin(): Plugin {
  return {
    name: 'omgen-embedded-libpg-query-wasm',
    setup(build) {
      build.onLoad({ filter: /[\\/]libpg-query[\\/]wasm[\\/]libpg-query\.js$/ }, async ({ path }) => {
        let contents = await readFile(path, 'utf8');
        for (const { find, replace } of PATCHES) {
          const at = contents.indexOf(find);
          if (at < 0 || contents.indexOf(find, at + 1) >= 0) {
            throw new Error(`libpg-query's loader changed: "${find}" is not found exactly once in ${path}; update src/build/embedded-wasm-plugin.ts`);
          }
          contents = contents.replace(find, replace);
        }
        return { contents, loader: 'js' };
      });
    },
  };
}
