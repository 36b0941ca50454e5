// Shared by the CLI and DAG tests: the built programs, temp folders, and workflow YAML with known line numbers.
// Not a test file (vitest only collects *.test.ts). The programs are the real build output: run `npm run build` first.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const WORKER = join(ROOT, 'dist', 'om-worker');
export const OMGEN = join(ROOT, 'dist', 'omgen.cjs');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'workflows');

function requireBuilt(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (\`npm test\` does it for you)`);
  return path;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

async function run(file: string, args: string[], options: RunOptions, timeout: number): Promise<RunResult> {
  const result = await execa(file, args, { reject: false, timeout, cwd: options.cwd, env: options.env });
  return { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** The single-executable worker. Never rejects: the test looks at exitCode, stdout and stderr. */
export function runWorker(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(requireBuilt(WORKER), args, options, 90_000);
}

/** The generator, as its bundle run by this Node. */
export function runOmgen(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [requireBuilt(OMGEN), ...args], options, 60_000);
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `omgen-${prefix}-`));
}

/** Names in a folder, or [] when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** The non-empty lines of a program's output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

export interface PgTarget {
  hostPort: string;
  username: string;
  password: string;
  database: string;
}

/** Connection fields of a postgres:// URL, as OpenMetadata's PostgresConnection spells them. */
export function pgTarget(url: string, database?: string): PgTarget {
  const u = new URL(url);
  return {
    hostPort: `${u.hostname}:${u.port || '5432'}`,
    username: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || 'unused-with-trust-auth'),
    database: database ?? decodeURIComponent(u.pathname.slice(1) || 'postgres'),
  };
}

export interface WorkflowOptions {
  target: PgTarget;
  sinkFile: string;
  /** Replaces line 9 (`password: ...`) verbatim, e.g. `        password: ${PG_PW}`. */
  passwordLine?: string;
  jwtToken?: string;
}

/**
 * A metadata workflow with a file sink. Its line numbers are fixed (tests replace single lines with `withLine`):
 * 2 source.type, 9 authType.password, 10 hostPort, 11 database, 14 sourceConfig type, 17 schema include,
 * 21 sink filename, 27 jwtToken.
 */
export function metadataWorkflowLines(options: WorkflowOptions): string[] {
  const { target } = options;
  return [
    'source:',
    '  type: postgres',
    '  serviceName: test_svc',
    '  serviceConnection:',
    '    config:',
    '      type: Postgres',
    `      username: ${JSON.stringify(target.username)}`,
    '      authType:',
    options.passwordLine ?? `        password: ${JSON.stringify(target.password)}`,
    `      hostPort: ${JSON.stringify(target.hostPort)}`,
    `      database: ${JSON.stringify(target.database)}`,
    '  sourceConfig:',
    '    config:',
    '      type: DatabaseMetadata',
    '      schemaFilterPattern:',
    '        includes:',
    '          - ^public$',
    'sink:',
    '  type: file',
    '  config:',
    `    filename: ${JSON.stringify(options.sinkFile)}`,
    'workflowConfig:',
    '  openMetadataServerConfig:',
    '    hostPort: http://localhost:8585/api',
    '    authProvider: openmetadata',
    '    securityConfig:',
    `      jwtToken: ${JSON.stringify(options.jwtToken ?? 'eyJhbGciOiJIUzI1NiJ9.e30.dGVzdA')}`,
  ];
}

/** A copy of the lines with 1-based line `n` replaced (several lines may be given for one). */
export function withLine(source: string[], n: number, ...replacement: string[]): string[] {
  if (n < 1 || n > source.length) throw new Error(`no line ${n}`);
  return [...source.slice(0, n - 1), ...replacement, ...source.slice(n)];
}

export async function writeWorkflow(dir: string, name: string, content: string[] | string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, Array.isArray(content) ? `${content.join('\n')}\n` : content);
  return file;
}
