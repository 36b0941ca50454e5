// The OpenMetadata client over HTTPS: verifySSL validate trusts sslConfig.caCertificate (PEM text or a file),
// ignore skips verification, and a certificate the client cannot trust stops the run at once (exit 3) rather
// than after a round of retries.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenMetadataServerConfig } from '../../src/config/types.js';
import { OpenMetadataUnavailableError } from '../../src/openmetadata/api-errors.js';
import { OpenMetadataClient } from '../../src/openmetadata/openmetadata-client.js';
import { createLogger } from '../../src/util/logger.js';
import { TestCertificates } from '../support/test-certificates.js';

const TOKEN = 'https-test-token-9876';
let certs: TestCertificates;
let server: Server;
let hostPort: string;
const seen: string[] = [];
let connections = 0;

beforeAll(async () => {
  certs = new TestCertificates();
  certs.makeCa('ca');
  certs.makeCa('other-ca');
  certs.makeLeaf('server', '127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  // Just enough of the API for connect(): the version, and one authorised read proving the token.
  server = createServer({ key: certs.pem('server.key'), cert: certs.pem('server.crt') }, (req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/api/v1/system/version') return res.end(JSON.stringify({ version: '1.4.2' }));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end(JSON.stringify({ code: 401, message: 'no' }));
    res.end(JSON.stringify({ data: [], paging: { total: 0 } }));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  hostPort = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  certs?.remove();
});

const config = (extra: Partial<OpenMetadataServerConfig>): OpenMetadataServerConfig => ({
  hostPort,
  authProvider: 'openmetadata',
  securityConfig: { jwtToken: TOKEN },
  ...extra,
});

const connect = (extra: Partial<OpenMetadataServerConfig>) =>
  OpenMetadataClient.connect(config(extra), { log: createLogger('ERROR', () => undefined), concurrency: 2 });

describe('OpenMetadata over HTTPS', () => {
  it('verifySSL validate with the right CA as PEM text connects and sends the token', async () => {
    const client = await connect({ verifySSL: 'validate', sslConfig: { caCertificate: certs.pem('ca.crt') } });
    expect(client.version.raw).toBe('1.4.2');
    client.close();
    expect(seen.at(-1)).toBe(`GET /api/v1/services/databaseServices?limit=1 Bearer ${TOKEN}`);
  });

  it('verifySSL validate with the CA as a file path connects too', async () => {
    const client = await connect({ verifySSL: 'validate', sslConfig: { caCertificate: certs.file('ca.crt') } });
    expect(client.version.major).toBe(1);
    client.close();
  });

  it('verifySSL ignore connects without any CA', async () => {
    const client = await connect({ verifySSL: 'ignore' });
    expect(client.version.minor).toBe(4);
    client.close();
  });

  it('an untrusted certificate fails at once with exit code 3 and a line naming the problem', async () => {
    const before = seen.length;
    const connectionsBefore = connections;
    const error = await connect({ verifySSL: 'validate', sslConfig: { caCertificate: certs.pem('other-ca.crt') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenMetadataUnavailableError);
    expect((error as OpenMetadataUnavailableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/^cannot reach OpenMetadata at https:\/\/127\.0\.0\.1:\d+: .*certificate/);
    expect((error as Error).message).not.toContain('\n');
    expect(seen.length).toBe(before); // the TLS handshake failed: no request reached the server
    // One handshake, not a round of retries: waiting does not make a certificate trusted.
    expect(connections - connectionsBefore).toBe(1);
  });

  it('the default (no-ssl) still verifies an https server against the system CAs', async () => {
    const error = await connect({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenMetadataUnavailableError);
    expect((error as Error).message).toMatch(/certificate/);
  });
});
