/**
 * One address in front of several hub processes, as a load balancer puts it: a TCP proxy on
 * loopback that hands each new connection to the next backend in turn (round robin). A backend
 * that refuses the connection (a killed process) is skipped for the next, the way a balancer's
 * health check takes it out; a connection already handed to a backend that dies is cut, and
 * the client sees its request fail. The test clients open one connection per request, so every
 * request goes its own way.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** A running proxy. */
export class RoundRobinProxy {
  readonly #backends: readonly number[];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #next = 0;
  /** Connections handed to each backend port. */
  readonly handed = new Map<number, number>();

  private constructor(backends: readonly number[]) {
    this.#backends = backends;
    this.#server = createServer((client) => this.#accept(client));
  }

  /** Listens on a free loopback port in front of `backends` (ports on 127.0.0.1). */
  static async start(backends: readonly number[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(backends);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:<port>`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Stops listening and cuts every connection. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    this.#track(client);
    client.pause(); // hold what the client sends until a backend takes it
    this.#connect(client, 0);
  }

  /** Tries the next backend; after every one refused, the client's connection is cut. */
  #connect(client: Socket, tried: number): void {
    if (tried >= this.#backends.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = this.#backends[this.#next % this.#backends.length] as number;
    this.#next += 1;
    const backend = connect(port, '127.0.0.1');
    let connected = false;
    backend.once('error', () => {
      if (!connected) this.#connect(client, tried + 1); // refused: the next one
    });
    backend.once('connect', () => {
      connected = true;
      this.#track(backend);
      this.handed.set(port, (this.handed.get(port) ?? 0) + 1);
      // A backend's end reaches the client through the pipe, after what it wrote is flushed (a
      // destroy on its close could drop an answer's tail still in the client's buffer); a
      // failed backend cuts the client, and a client gone takes its backend connection with it.
      backend.on('error', () => client.destroy());
      client.on('error', () => backend.destroy());
      client.on('close', () => backend.destroy());
      client.pipe(backend);
      backend.pipe(client);
      client.resume();
    });
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }
}
