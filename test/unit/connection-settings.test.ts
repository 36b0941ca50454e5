// From OpenMetadata's PostgresConnection to node-postgres settings (planConnection, parseOptions) and hostPort parsing.
import { describe, expect, it } from 'vitest';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { parseOptions, passwordOf, planConnection } from '../../src/postgres/connection-settings.js';
import { parseHostPort } from '../../src/postgres/host-port.js';

const base: PostgresConnectionConfig = { username: 'etl', authType: { password: 'S3cret-pw' }, hostPort: 'db.internal:6543' };

describe('parseHostPort', () => {
  it('reads host:port, a bare host and bracketed IPv6', () => {
    expect(parseHostPort('localhost:5432')).toEqual({ host: 'localhost', port: 5432 });
    expect(parseHostPort('db.example.com')).toEqual({ host: 'db.example.com', port: 5432 });
    expect(parseHostPort('10.0.0.7:6432')).toEqual({ host: '10.0.0.7', port: 6432 });
    expect(parseHostPort('[::1]:5433')).toEqual({ host: '::1', port: 5433 });
    expect(parseHostPort('[fe80::1]')).toEqual({ host: 'fe80::1', port: 5432 });
  });

  it('rejects what is not host:port', () => {
    for (const bad of ['', 'host:', 'host:abc', 'postgres://host:5432', 'host:5432/db', '::1', 'a b:1', 'host:1:2']) {
      expect(parseHostPort(bad), bad).toBeUndefined();
    }
  });

  it('rejects ports out of range in both forms', () => {
    expect(parseHostPort('host:0')).toBeUndefined();
    expect(parseHostPort('host:65536')).toBeUndefined();
    expect(parseHostPort('[::1]:0')).toBeUndefined();
    expect(parseHostPort('[::1]:99999')).toBeUndefined();
    expect(parseHostPort('host:65535')).toEqual({ host: 'host', port: 65535 });
  });
});

describe('parseOptions', () => {
  it('reads -c name=value, -cname=value and --name=value', () => {
    expect(parseOptions('-c statement_timeout=5000 -csearch_path=sales --lock-timeout=1s')).toEqual({
      statement_timeout: '5000',
      search_path: 'sales',
      lock_timeout: '1s',
    });
  });

  it('unescapes backslash-escaped spaces and ignores stray tokens', () => {
    expect(parseOptions('-c search_path=a\\ b junk -c work_mem=64MB')).toEqual({ search_path: 'a b', work_mem: '64MB' });
    expect(parseOptions('')).toEqual({});
    expect(parseOptions('-c')).toEqual({});
  });
});

describe('passwordOf', () => {
  it('prefers authType.password and falls back to the older top-level password', () => {
    expect(passwordOf({ ...base, password: 'old' })).toBe('S3cret-pw');
    expect(passwordOf({ username: 'u', hostPort: 'h', password: 'old' })).toBe('old');
    expect(passwordOf({ username: 'u', hostPort: 'h' })).toBeUndefined();
  });
});

describe('planConnection', () => {
  it('connects to the given database as the given user', () => {
    const plan = planConnection(base, 'pagila', 3);
    expect(plan.pool).toMatchObject({ host: 'db.internal', port: 6543, user: 'etl', password: 'S3cret-pw', database: 'pagila', max: 3 });
    expect(plan.describe).toBe('etl@db.internal:6543/pagila');
    expect(plan.describe).not.toContain('S3cret-pw');
  });

  it('starts every session read-only, with timeouts and application_name om-worker', () => {
    const plan = planConnection(base, 'db', 1);
    const settings = parseOptions(String(plan.pool.options));
    expect(settings).toMatchObject({ default_transaction_read_only: 'on', statement_timeout: '300000', lock_timeout: '30000' });
    expect(plan.pool.application_name).toBe('om-worker');
    expect(plan.pool.connectionTimeoutMillis).toBe(10_000);
  });

  it('lets options change timeouts but never the read-only setting or the search path', () => {
    const connection: PostgresConnectionConfig = {
      ...base,
      connectionOptions: { options: '-c default_transaction_read_only=off -c search_path=a\\ b' },
      connectionArguments: { statement_timeout: 60000, connect_timeout: 3 },
    };
    const plan = planConnection(connection, 'db', 1);
    const settings = parseOptions(String(plan.pool.options));
    expect(settings.default_transaction_read_only).toBe('on');
    expect(settings.statement_timeout).toBe('60000');
    // A search_path with user schemas in it would let their functions stand in for pg_catalog's.
    expect(settings.search_path).toBe('pg_catalog,pg_temp');
    expect(plan.pool.connectionTimeoutMillis).toBe(3000);
  });

  it('keeps an application_name the user chose, and lists parameters it does not use', () => {
    const plan = planConnection(
      { ...base, connectionOptions: { application_name: 'nightly', sslcompression: 1 }, connectionArguments: { fancy: true } },
      'db',
      1,
    );
    expect(plan.pool.application_name).toBe('nightly');
    expect(plan.ignoredParameters.sort()).toEqual(['fancy', 'sslcompression']);
  });

  it('maps sslMode to TLS settings', () => {
    expect(planConnection({ ...base, sslMode: 'disable' }, 'db', 1).pool.ssl).toBe(false);
    expect(planConnection({ ...base, sslMode: 'require' }, 'db', 1).pool.ssl).toMatchObject({ rejectUnauthorized: false });
    expect(
      planConnection({ ...base, sslMode: 'verify-full', sslConfig: { caCertificate: '-----BEGIN CERTIFICATE-----\nx' } }, 'db', 1).pool.ssl,
    ).toMatchObject({
      rejectUnauthorized: true,
      ca: '-----BEGIN CERTIFICATE-----\nx',
    });
    const verifyCa = planConnection({ ...base, sslMode: 'verify-ca' }, 'db', 1).pool.ssl as {
      rejectUnauthorized: boolean;
      checkServerIdentity: () => unknown;
    };
    expect(verifyCa.rejectUnauthorized).toBe(true);
    expect(verifyCa.checkServerIdentity()).toBeUndefined();
    const prefer = planConnection(base, 'db', 1);
    expect(prefer.sslMode).toBe('prefer');
    expect(prefer.pool.ssl).toBe(false);
    expect(planConnection({ ...base, sslMode: 'disable', connectionArguments: { sslmode: 'require' } }, 'db', 1).sslMode).toBe('require');
  });

  it('throws on a hostPort it cannot read, naming it', () => {
    expect(() => planConnection({ ...base, hostPort: 'postgres://x:5432' }, 'db', 1)).toThrow(/hostPort 'postgres:\/\/x:5432' is not host:port/);
  });
});
