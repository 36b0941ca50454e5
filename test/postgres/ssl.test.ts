// TLS against a real Postgres 18: every sslMode, CA / client certificates as PEM text or file paths, and the
// fallbacks of "prefer" (SSL first) and "allow" (plain text first), as libpq orders them. Certificates are made fresh
// with the openssl CLI; the server gets SSL, its certificates and pg_hba.conf through reloads, while the test itself
// administers it over the Unix socket.
import { copyFileSync, chmodSync, chownSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import type { EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';
import { PostgresUnavailableError, SourcePool } from '../../src/postgres/source-pool.js';
import { startMajor } from '../support/pg.js';
import { TestCertificates } from '../support/test-certificates.js';

const CERT_USER = 'om_cert_user';
const TRUST_ALL = ['host all all 127.0.0.1/32 trust'];

let server: EmbeddedPostgres;
let certs: TestCertificates;
const file = (name: string): string => certs.file(name);
const pem = (name: string): string => certs.pem(name);

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  // The Unix socket stays trusted whatever the TCP lines of pg_hba.conf say.
  const client = new pg.Client({ host: path.join(path.dirname(server.dataDir), 'sock'), port: server.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let generation = 0;
/** Rewrites pg_hba.conf's TCP lines, sets `ssl`, reloads, and waits until new sessions see the reloaded files. */
async function configure(ssl: 'on' | 'off', hba: string[]): Promise<void> {
  writeFileSync(path.join(server.dataDir, 'pg_hba.conf'), ['local all all trust', ...hba, ''].join('\n'));
  const mark = String(++generation);
  await admin(async (c) => {
    await c.query(`alter system set ssl = ${ssl}`);
    await c.query(`alter system set omgen.reload_generation = '${mark}'`);
    const { rows } = await c.query<{ ok: boolean }>('select pg_reload_conf() as ok');
    expect(rows[0].ok).toBe(true);
  });
  for (let i = 0; ; i++) {
    const seen = await admin((c) =>
      c.query<{ g: string | null; ssl: string }>("select current_setting('omgen.reload_generation', true) as g, current_setting('ssl') as ssl"),
    );
    if (seen.rows[0].g === mark) {
      expect(seen.rows[0].ssl).toBe(ssl);
      return;
    }
    if (i > 100) throw new Error('postgres did not reload its configuration');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function connection(extra: Partial<PostgresConnectionConfig> = {}): PostgresConnectionConfig {
  return { username: 'postgres', hostPort: `127.0.0.1:${server.port}`, ...extra };
}

/** Opens a pool, and reports whether the session is encrypted and as whom it is logged in. */
async function session(config: PostgresConnectionConfig): Promise<{ ssl: boolean; user: string }> {
  const pool = await SourcePool.open(config, 'postgres', { attempts: 1 });
  try {
    const rows = await pool.query<{ ssl: boolean; user: string }>('select ssl, current_user as user from pg_stat_ssl where pid = pg_backend_pid()');
    expect(rows).toHaveLength(1);
    return rows[0];
  } finally {
    await pool.close();
  }
}

/** The error SourcePool.open fails with: a PostgresUnavailableError (exit code 3) with a one-line message. */
async function failure(config: PostgresConnectionConfig): Promise<string> {
  const error: unknown = await SourcePool.open(config, 'postgres', { attempts: 1 }).then(
    async (pool) => {
      await pool.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostgresUnavailableError);
  const { exitCode, message } = error as PostgresUnavailableError;
  expect(exitCode).toBe(3);
  expect(message).toMatch(new RegExp(`^cannot connect to Postgres postgres@|^cannot connect to Postgres ${CERT_USER}@`));
  expect(message).not.toContain('\n');
  return message;
}

beforeAll(async () => {
  certs = new TestCertificates();
  certs.makeCa('ca');
  certs.makeCa('other-ca');
  certs.makeLeaf('server', '127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  certs.makeLeaf('client', CERT_USER, 'ca', 'extendedKeyUsage=clientAuth\n');

  server = await startMajor('pg18');
  const { uid, gid } = statSync(server.dataDir);
  for (const name of ['server.crt', 'server.key', 'ca.crt']) {
    const target = path.join(server.dataDir, name);
    copyFileSync(file(name), target);
    chownSync(target, uid, gid);
    chmodSync(target, name.endsWith('.key') ? 0o600 : 0o644);
  }
  await admin(async (c) => {
    await c.query("alter system set ssl_cert_file = 'server.crt'");
    await c.query("alter system set ssl_key_file = 'server.key'");
    await c.query("alter system set ssl_ca_file = 'ca.crt'");
    await c.query(`create role ${CERT_USER} login`);
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  certs?.remove();
});

describe('with SSL on and any connection allowed', () => {
  beforeAll(() => configure('on', TRUST_ALL));

  it('require encrypts without verifying: an unrelated CA does not matter', async () => {
    expect(await session(connection({ sslMode: 'require' }))).toMatchObject({ ssl: true });
    expect(await session(connection({ sslMode: 'require', sslConfig: { caCertificate: pem('other-ca.crt') } }))).toMatchObject({ ssl: true });
  });

  it('verify-ca accepts the right CA as PEM text, as a file path, and as connectionArguments.sslrootcert', async () => {
    expect((await session(connection({ sslMode: 'verify-ca', sslConfig: { caCertificate: pem('ca.crt') } }))).ssl).toBe(true);
    expect((await session(connection({ sslMode: 'verify-ca', sslConfig: { caCertificate: file('ca.crt') } }))).ssl).toBe(true);
    expect((await session(connection({ connectionArguments: { sslmode: 'verify-ca', sslrootcert: file('ca.crt') } }))).ssl).toBe(true);
  });

  it('verify-ca does not check the host name', async () => {
    const viaLocalhost = connection({ hostPort: `localhost:${server.port}`, sslMode: 'verify-ca', sslConfig: { caCertificate: pem('ca.crt') } });
    expect((await session(viaLocalhost)).ssl).toBe(true);
  });

  it('verify-ca with an unrelated CA fails, naming the certificate problem', async () => {
    const message = await failure(connection({ sslMode: 'verify-ca', sslConfig: { caCertificate: pem('other-ca.crt') } }));
    expect(message).toMatch(/certificate/i);
    const fromFile = await failure(connection({ sslMode: 'verify-full', sslConfig: { caCertificate: file('other-ca.crt') } }));
    expect(fromFile).toMatch(/certificate/i);
  });

  it('verify-full accepts a certificate whose IP SAN is the host connected to', async () => {
    expect((await session(connection({ sslMode: 'verify-full', sslConfig: { caCertificate: pem('ca.crt') } }))).ssl).toBe(true);
  });

  it('verify-full rejects a host name the certificate does not carry', async () => {
    const message = await failure(
      connection({ hostPort: `localhost:${server.port}`, sslMode: 'verify-full', sslConfig: { caCertificate: pem('ca.crt') } }),
    );
    expect(message).toMatch(/localhost/);
    expect(message).toMatch(/altnames|certificate/i);
  });

  it('allow starts with plain text, as libpq does', async () => {
    expect((await session(connection({ sslMode: 'allow' }))).ssl).toBe(false);
  });

  it('prefer (also the default) uses SSL when the server offers it; disable does not', async () => {
    expect((await session(connection({ sslMode: 'prefer' }))).ssl).toBe(true);
    expect((await session(connection())).ssl).toBe(true);
    expect((await session(connection({ sslMode: 'disable' }))).ssl).toBe(false);
  });
});

describe('with pg_hba.conf allowing only SSL connections', () => {
  beforeAll(() => configure('on', ['hostssl all all 127.0.0.1/32 trust']));

  it('disable fails with a message naming pg_hba.conf and the missing encryption', async () => {
    const message = await failure(connection({ sslMode: 'disable' }));
    expect(message).toMatch(/no pg_hba\.conf entry for host "127\.0\.0\.1", user "postgres", database "postgres", no encryption/);
  });

  it('prefer and require get in over SSL', async () => {
    expect((await session(connection({ sslMode: 'prefer' }))).ssl).toBe(true);
    expect((await session(connection({ sslMode: 'require' }))).ssl).toBe(true);
  });

  it('allow, turned away in plain text, tries again over SSL', async () => {
    expect((await session(connection({ sslMode: 'allow' }))).ssl).toBe(true);
  });
});

describe('with client certificate authentication', () => {
  beforeAll(() => configure('on', [`hostssl all ${CERT_USER} 127.0.0.1/32 cert`, ...TRUST_ALL]));
  const asCertUser = (extra: Partial<PostgresConnectionConfig>): PostgresConnectionConfig => connection({ username: CERT_USER, ...extra });

  it('logs in as the certificate CN with sslCertificate / sslKey as PEM text', async () => {
    const config = asCertUser({
      sslMode: 'verify-full',
      sslConfig: { caCertificate: pem('ca.crt'), sslCertificate: pem('client.crt'), sslKey: pem('client.key') },
    });
    expect(await session(config)).toEqual({ ssl: true, user: CERT_USER });
  });

  it('logs in with sslcert / sslkey file paths in connectionArguments', async () => {
    const config = asCertUser({ connectionArguments: { sslmode: 'require', sslcert: file('client.crt'), sslkey: file('client.key') } });
    expect(await session(config)).toEqual({ ssl: true, user: CERT_USER });
  });

  it('sends the client certificate under the default sslMode (prefer) too, as libpq does', async () => {
    const config = asCertUser({ sslConfig: { sslCertificate: file('client.crt'), sslKey: file('client.key') } });
    expect(await session(config)).toEqual({ ssl: true, user: CERT_USER });
  });

  it('is refused without a client certificate', async () => {
    const message = await failure(asCertUser({ sslMode: 'require' }));
    expect(message).toMatch(/certificate/i);
  });
});

describe('with a server that only speaks TLS 1.1, which Node refuses', () => {
  beforeAll(async () => {
    await admin(async (c) => {
      await c.query("alter system set ssl_min_protocol_version = 'TLSv1'");
      await c.query("alter system set ssl_max_protocol_version = 'TLSv1.1'");
    });
    await configure('on', TRUST_ALL);
  });
  afterAll(async () => {
    await admin(async (c) => {
      await c.query('alter system reset ssl_min_protocol_version');
      await c.query('alter system reset ssl_max_protocol_version');
    });
  });

  it('prefer falls back to plain text when the TLS handshake fails, as libpq does', async () => {
    expect((await session(connection({ sslMode: 'prefer' }))).ssl).toBe(false);
  });

  it('require fails, naming the TLS problem', async () => {
    // OpenSSL's message spans lines; failure() also asserts it arrives as one.
    expect(await failure(connection({ sslMode: 'require' }))).toMatch(/alert protocol version/);
  });
});

describe('with SSL off on the server', () => {
  beforeAll(() => configure('off', TRUST_ALL));

  it('prefer falls back to a plain connection', async () => {
    expect((await session(connection({ sslMode: 'prefer' }))).ssl).toBe(false);
    expect((await session(connection({ sslMode: 'allow' }))).ssl).toBe(false);
  });

  it('require and verify-full fail, saying the server does not support SSL', async () => {
    expect(await failure(connection({ sslMode: 'require' }))).toMatch(/does not support SSL/);
    expect(await failure(connection({ sslMode: 'verify-full', sslConfig: { caCertificate: pem('ca.crt') } }))).toMatch(/does not support SSL/);
  });
});
