import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Files = Map<
  string,
  {
    readonly type: string;
    readonly body: string | Uint8Array;
    readonly headers: Readonly<Record<string, string>>;
  }
>;

/**
 * Serves the bench's own pages (floors, the verification page) from memory, on 127.0.0.1 at
 * a free port, with no caching: each navigation fetches the page again.
 */
export class StaticServer {
  readonly #files: Files;
  readonly #server: Server;
  readonly url: string;

  private constructor(server: Server, files: Files) {
    this.#server = server;
    this.#files = files;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(): Promise<StaticServer> {
    const files: Files = new Map();
    const server = createServer((request, response) => {
      const file = files.get(new URL(request.url ?? '/', 'http://bench').pathname);
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        ...file.headers,
        'content-type': file.type,
        'cache-control': 'no-store'
      });
      response.end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new StaticServer(server, files);
  }

  /** Serves `body` at `path` from now on, with `headers` besides its type; returns its URL. */
  put(
    path: string,
    type: string,
    body: string | Uint8Array,
    headers: Readonly<Record<string, string>> = {}
  ): string {
    this.#files.set(path, { type, body, headers });
    return `${this.url}${path}`;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
