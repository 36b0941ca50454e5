/**
 * Production build of omgen (run by `npm run build` after `tsc --noEmit`):
 *
 *   src/cli/om-worker.ts ──esbuild──▶ dist/om-worker.cjs ──SEA blob + node binary + postject──▶ dist/om-worker
 *   src/cli/omgen.ts     ──esbuild──▶ dist/omgen.cjs
 *
 * The bundles are CommonJS because Node 20's single executable applications only take a CommonJS main
 * (see TOOLCHAIN-NOTES.md, "The one-file worker"). Every artifact is written to a temporary path in dist/ and renamed
 * into place at the end, so an interrupted build never leaves a half-written file behind. Any failing step ends
 * the process with exit code 1 and a message naming the step.
 */
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { embeddedWasmPlugin } from './embedded-wasm-plugin.js';
import { precompiledValidatorPlugin } from './precompiled-validator-plugin.js';
import { tempPathFor } from '../util/temp-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');

/** Name of the identifier that stands in for `import.meta.url` in the CommonJS bundles. */
const IMPORT_META_URL = '__omgen_import_meta_url';

/** postject's default sentinel differs from the one compiled into the node binary: this is Node's SEA fuse. */
const SEA_SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const SEA_RESOURCE_NAME = 'NODE_SEA_BLOB';

interface BundleTarget {
  entry: string;
  outfile: string;
  /** What the file is, for the build's report. */
  describe: string;
}

const WORKER_BUNDLE: BundleTarget = {
  entry: 'src/cli/om-worker.ts',
  outfile: 'dist/om-worker.cjs',
  describe: 'the worker as one script, for hosts with Node',
};
const OMGEN_BUNDLE: BundleTarget = { entry: 'src/cli/omgen.ts', outfile: 'dist/omgen.cjs', describe: 'the DAG generator as one script' };
const WORKER_EXECUTABLE = 'dist/om-worker';

class BuildStepError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Runs one build step; any failure is rethrown naming the step, so the final message says what broke. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof BuildStepError ? error : new BuildStepError(name, error);
  }
}

const abs = (path: string): string => resolve(ROOT, path);

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

const seconds = (startedAt: number): string => `${((performance.now() - startedAt) / 1000).toFixed(2)} s`;

/** One line per stage: what it made, how big, what it is, how long it took. */
async function report(path: string, what: string, startedAt: number): Promise<void> {
  const { size } = await stat(abs(path));
  console.log(`  ${path.padEnd(22)} ${formatSize(size).padStart(9)}  ${what.padEnd(47)} ${seconds(startedAt)}`);
}

/** The type check comes first: a bundle of code that does not type-check is not worth the wait. */
function typeCheck(): void {
  const startedAt = performance.now();
  console.log('  type-checking src, test and bench (tsc --noEmit) ...');
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']);
  console.log(`  ${'(type check)'.padEnd(22)} ${''.padStart(9)}  ${'no errors'.padEnd(47)} ${seconds(startedAt)}`);
}

/** Runs a program synchronously; its output is shown only when it fails (then it throws with the exit status). */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed with ${how}${output ? `:\n${output}` : ''}`);
  }
}

/** True when `command` can be started (used to skip optional tools such as `strip`). */
function isAvailable(command: string): boolean {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function esbuildOptions(target: BundleTarget): BuildOptions {
  return {
    entryPoints: [abs(target.entry)],
    outfile: abs(target.outfile),
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
    loader: { '.json': 'json', '.wasm': 'binary' }, // schemas/*.json, package.json and the parser's wasm are inlined
    minify: false, // readable stack traces
    legalComments: 'none',
    sourcemap: false,
    banner: {
      js: ['#!/usr/bin/env node', `const ${IMPORT_META_URL} = require('url').pathToFileURL(__filename).href;`].join('\n'),
    },
    // Our sources are ESM; the bundle is CommonJS. Give `import.meta` the values ESM code expects. Inside the single
    // executable, __filename is the executable itself.
    define: {
      // Tells the code it runs as a CommonJS bundle (a worker thread can then start from this very file).
      'process.env.OMGEN_BUNDLE': '"cjs"',
      'import.meta.url': IMPORT_META_URL,
      'import.meta.filename': '__filename',
      'import.meta.dirname': '__dirname',
    },
    // Any other use of import.meta would silently become `{}` in CommonJS: make it a build error instead.
    logOverride: { 'empty-import-meta': 'error' },
    logLevel: 'warning',
    plugins: [
      precompiledValidatorPlugin(ROOT),
      // The parser's wasm travels inside the bundle (and so inside the single executable): no file beside it.
      embeddedWasmPlugin(),
    ],
  };
}

/** Bundles one entry point and writes it atomically as an executable script. */
async function bundle(target: BundleTarget): Promise<void> {
  const startedAt = performance.now();
  await step(`bundle ${target.entry}`, async () => {
    await stat(abs(target.entry)).catch(() => {
      throw new Error(`entry point ${target.entry} does not exist`);
    });
    const result = await build(esbuildOptions(target));
    const output = result.outputFiles?.find((file) => file.path === abs(target.outfile));
    if (!output) throw new Error(`esbuild produced no ${target.outfile}`);
    // A `#!` line in the entry itself would be kept by esbuild after our banner: a syntax error at run time.
    if (
      output.text
        .split('\n')
        .slice(1)
        .some((line) => line.startsWith('#!'))
    ) {
      throw new Error(`${target.entry} has its own #! line; remove it (the build adds one)`);
    }
    const temp = tempPathFor(abs(target.outfile));
    try {
      await writeFile(temp, output.contents, { mode: 0o755 });
      await chmod(temp, 0o755);
      await rename(temp, abs(target.outfile));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
  await report(target.outfile, target.describe, startedAt);
}

type Inject = (
  filename: string,
  resourceName: string,
  resourceData: Buffer,
  options?: { sentinelFuse?: string; machoSegmentName?: string; overwrite?: boolean },
) => Promise<void>;

/** postject ships CommonJS without type declarations: load it through `require` and type its one function here. */
function loadPostjectInject(): Inject {
  const required = createRequire(import.meta.url)('postject') as { inject?: unknown };
  if (typeof required.inject !== 'function') throw new Error('postject does not export inject()');
  return required.inject as Inject;
}

/** Builds dist/om-worker: a copy of this node binary carrying dist/om-worker.cjs as its SEA blob. */
async function buildWorkerExecutable(): Promise<void> {
  const startedAt = performance.now();
  const workDir = await step('create temp folder', () => mkdtemp(join(tmpdir(), 'omgen-sea-')));
  const output = abs(WORKER_EXECUTABLE);
  const temp = tempPathFor(output);
  try {
    const blob = join(workDir, 'om-worker.blob');
    const seaConfig = join(workDir, 'sea-config.json');
    await step('write sea-config.json', () =>
      writeFile(
        seaConfig,
        JSON.stringify(
          {
            main: abs(WORKER_BUNDLE.outfile),
            output: blob,
            disableExperimentalSEAWarning: true,
            useCodeCache: true,
            // The bundle's own text, for the worker thread the usage workflow starts (the executable is no script).
            assets: { 'om-worker.cjs': abs(WORKER_BUNDLE.outfile) },
          },
          null,
          2,
        ),
      ),
    );
    await step('node --experimental-sea-config', async () => {
      run(process.execPath, ['--experimental-sea-config', seaConfig]);
    });
    await step(`copy ${process.execPath}`, async () => {
      await copyFile(process.execPath, temp);
      await chmod(temp, 0o755);
    });
    // The debug symbols of the node binary weigh ~12 MB; stripping them is optional.
    if (isAvailable('strip')) {
      await step('strip node binary', async () => run('strip', [temp]));
    }
    await step('inject SEA blob with postject', async () => {
      const inject = loadPostjectInject();
      // postject's wasm binds console.warn when it loads (inside inject) and warns once per ELF note section:
      // "Can't find string offset for section name '.note.100'". Harmless (TOOLCHAIN-NOTES.md); hide only that.
      const warn = console.warn;
      console.warn = (...args: unknown[]) => {
        if (!/^warning: Can't find string offset for section name '\.note/.test(String(args[0]))) warn(...args);
      };
      try {
        await inject(temp, SEA_RESOURCE_NAME, await readFile(blob), { sentinelFuse: SEA_SENTINEL_FUSE });
      } finally {
        console.warn = warn;
      }
    });
    await step(`install ${WORKER_EXECUTABLE}`, async () => {
      await chmod(temp, 0o755);
      await rename(temp, output);
    });
  } finally {
    await rm(temp, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
  await report(WORKER_EXECUTABLE, 'single executable: Node 20 + the worker bundle', startedAt);
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  console.log(`omgen build (node ${process.version}) → ${relative(process.cwd(), DIST) || '.'}/`);
  await step('type check', async () => typeCheck());
  await step('create dist/', () => mkdir(DIST, { recursive: true }));
  // The worker bundle feeds the executable; omgen's bundle builds alongside. Wait for both before reporting a
  // failure, so that neither is cut off before it removes its temporary files.
  const results = await Promise.allSettled([bundle(WORKER_BUNDLE).then(buildWorkerExecutable), bundle(OMGEN_BUNDLE)]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) {
    throw new Error(failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n  '));
  }
  console.log(`build finished in ${((performance.now() - startedAt) / 1000).toFixed(2)} s`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\nbuild FAILED: ${message}`);
  process.exit(1);
});
