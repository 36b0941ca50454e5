// A TCP proxy in front of Postgres that records the SQL text of every Query ('Q') and Parse ('P') message clients
// send: exactly what the worker puts on the wire, whatever the server version does with comments afterwards.
import net from 'node:net';

export interface WireRecorder {
  port: number;
  /** SQL texts in the order they were sent, over all connections. */
  statements: string[];
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Parses the frontend side of one connection; calls `onSql` for each statement text. */
function frontendParser(onSql: (sql: string) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (startup) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        // After an SSL or GSS request (answered 'N' by a server without TLS) the real startup message follows.
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const body = buffer.subarray(5, 1 + length);
      if (type === 'Q') onSql(body.toString('utf8', 0, body.indexOf(0)));
      if (type === 'P') {
        const nameEnd = body.indexOf(0);
        onSql(body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1)));
      }
      buffer = buffer.subarray(1 + length);
    }
  };
}

export async function startWireRecorder(target: { host: string; port: number }): Promise<WireRecorder> {
  const sockets = new Set<net.Socket>();
  const recorder: Omit<WireRecorder, 'port' | 'close'> = { statements: [], connections: 0 };
  const server = net.createServer((client) => {
    recorder.connections++;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const parse = frontendParser((sql) => recorder.statements.push(sql));
    client.on('data', (chunk: Buffer) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...recorder,
    get statements() {
      return recorder.statements;
    },
    get connections() {
      return recorder.connections;
    },
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
