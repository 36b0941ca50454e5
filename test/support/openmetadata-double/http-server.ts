/**
 * The listening socket and its connections, so the double can vanish like a crashed server (stop accepting, cut
 * every open connection) and come back on the same port.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export class ListeningServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private listening = false;
  port = 0;

  constructor(
    listener: RequestListener,
    private readonly host: string,
  ) {
    this.server = createServer(listener);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get isListening(): boolean {
    return this.listening;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        this.listening = true;
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** Stops accepting and destroys every open connection (in-flight requests included). */
  close(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return closed;
  }
}
