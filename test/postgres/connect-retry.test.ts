// Connecting retries what may pass (refused, reset, too many clients) with backoff: a server that starts listening
// after the first attempt is reached; one that never does fails after the configured attempts, with exit code 3.
import net from 'node:net';
import { inject, describe, expect, it } from 'vitest';
import type { PostgresConnectionConfig } from '../../src/config/types.js';
import { PostgresUnavailableError, SourcePool } from '../../src/postgres/source-pool.js';
import { closedPort } from '../support/ports.js';

const target = new URL(inject('pgUrl'));

/** From `delayMs` on, a TCP relay on `port` to the test server: until then, connecting there is refused. */
function relayLater(port: number, delayMs: number): { started: Promise<net.Server> } {
  const started = new Promise<net.Server>((resolve) => {
    setTimeout(() => {
      const relay = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        client.pipe(upstream).pipe(client);
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end);
        upstream.on('error', end);
      });
      relay.listen(port, '127.0.0.1', () => resolve(relay));
    }, delayMs);
  });
  return { started };
}

function connection(port: number): PostgresConnectionConfig {
  return {
    username: decodeURIComponent(target.username),
    hostPort: `127.0.0.1:${port}`,
    authType: { password: decodeURIComponent(target.password) },
  };
}

describe('connecting to Postgres', () => {
  it('retries a refused connection until the server listens', async () => {
    const port = await closedPort();
    const { started } = relayLater(port, 400);
    const begun = Date.now();
    const pool = await SourcePool.open(connection(port), target.pathname.slice(1), { attempts: 6, backoffMs: 150 });
    try {
      expect(Date.now() - begun).toBeGreaterThanOrEqual(400); // it did wait for the server, not fail at once
      expect((await pool.query<{ one: number }>('select 1 as one'))[0].one).toBe(1);
    } finally {
      await pool.close();
      (await started).close();
    }
  });

  it('gives up after the configured attempts with a one-line error, exit code 3', async () => {
    const port = await closedPort();
    const error = await SourcePool.open(connection(port), 'postgres', { attempts: 2, backoffMs: 10 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PostgresUnavailableError);
    expect((error as PostgresUnavailableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/connection refused$/);
  });
});
