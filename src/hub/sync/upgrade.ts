import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Handles one WebSocket upgrade request whose path has been matched. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

// Only the path and query matter; the Host header is the client's to choose, so never use it.
const base = 'http://hub.invalid';

/** The request's URL, resolved against a fixed origin; undefined when it does not parse. */
export function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', base);
  } catch {
    return undefined;
  }
}

/** A Web `Request` with the upgrade request's path, query and headers, for Hocuspocus's hooks. */
export function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // Node's parser accepted it, fetch's rules did not: Kring reads no header, so drop it.
    }
  }
  return new Request(requestUrl(request) ?? base, { headers });
}

/** Answers an upgrade with a bare 401 and closes the socket once that is written. */
export function refuseUnauthorized(socket: Duplex): void {
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(
    'HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n'
  );
}
