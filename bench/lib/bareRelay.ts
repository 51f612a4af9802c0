// A bare Yjs relay for comparison: the same engine as the hub's relay (@hocuspocus/server's
// Hocuspocus class, fed from `ws` exactly as src/hub/sync/relay.ts does) with none of Kring's
// logic: no login check (it hands out challenges so that devices log in as they do with the
// hub, then ignores their tokens), no signature checks, no persistence, no static app, no
// signaling, default settings.
// Run: node bench/lib/bareRelay.ts [port]   (prints http://127.0.0.1:<port>/ once listening)
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer, type RawData } from 'ws';

const hocuspocus = new Hocuspocus({ name: 'bare-relay', quiet: true });
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && /^\/api\/rooms\/[0-9a-z]+\/challenge$/.test(req.url ?? '')) {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ challenge: randomBytes(16).toString('hex') }));
    return;
  }
  res.statusCode = 404;
  res.end();
});
const sockets = new WebSocketServer({ server });

sockets.on('connection', (ws, req) => {
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`);
  const connection = hocuspocus.handleConnection(ws, request);
  ws.on('message', (data: RawData) => connection.handleMessage(toBytes(data)));
  ws.on('close', (code: number, reason: Buffer) =>
    connection.handleClose({ code, reason: reason.toString() })
  );
  ws.on('error', () => {});
});

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`bare relay listening on http://127.0.0.1:${port}/`);
});

const stop = (): void => {
  for (const ws of sockets.clients) ws.terminate();
  server.close(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
