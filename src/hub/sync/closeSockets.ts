import type { WebSocketServer } from 'ws';

const goingAway = 1001;

/**
 * Sends every client of `server` a close frame ("going away"), cuts those that do not answer
 * within `graceMs`, and resolves once all are closed.
 */
export async function closeSockets(server: WebSocketServer, graceMs = 500): Promise<void> {
  await Promise.all(
    [...server.clients].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close(goingAway, 'hub stopping');
          setTimeout(() => ws.terminate(), graceMs).unref();
        })
    )
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
