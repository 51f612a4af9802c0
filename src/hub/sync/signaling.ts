import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { closeSockets } from './closeSockets.ts';
import type { HubGuard } from './limits.ts';
import { tokenOpensRoom } from './roomToken.ts';
import { roomOfPath } from './roomPaths.ts';
import { refuseUnauthorized, requestUrl, type UpgradeHandler } from './upgrade.ts';

export interface SignalingOptions {
  /** Largest message accepted, in bytes; WebRTC offers with their ICE candidates fit easily. */
  readonly maxMessageBytes: number;
  /** How often to ping each socket; one that has not answered the previous ping is dropped. */
  readonly heartbeatMs: number;
  /** Per-connection message limits (limits.ts); none when absent. */
  readonly guard?: HubGuard;
}

export interface Signaling {
  readonly handleUpgrade: UpgradeHandler;
  /** Closes a room's signaling sockets (the room moved to another hub; they reconnect there). */
  closeRoom(room: string, code: number, reason: string): void;
  close(): Promise<void>;
}

const policyViolation = 1008;

/**
 * y-webrtc signaling (the protocol of y-webrtc 10.3's bin/server.js: JSON `subscribe`,
 * `unsubscribe`, `publish`, `ping`), limited to one room per socket: the client proves the
 * room key with `/signal/<id>?token=<hub token>` (or `/signal?room=<id>&token=…`) on the
 * upgrade, and may then subscribe and
 * publish only to the topic named by that room id. Other topics are ignored, as y-webrtc
 * subscribes a shared connection to every room open in the page.
 */
export function createSignaling(options: SignalingOptions): Signaling {
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false
  });
  /** Subscribers per room id. */
  const topics = new Map<string, Set<WebSocket>>();
  /** Every socket per room id, subscribed or not. */
  const byRoom = new Map<string, Set<WebSocket>>();
  const alive = new WeakSet<WebSocket>();

  const unsubscribe = (ws: WebSocket, room: string): void => {
    const subscribers = topics.get(room);
    if (!subscribers) return;
    subscribers.delete(ws);
    if (subscribers.size === 0) topics.delete(room);
  };

  const onMessage = (ws: WebSocket, room: string, data: RawData, isBinary: boolean): void => {
    const message = isBinary ? undefined : parseMessage(data);
    if (!message) {
      ws.close(policyViolation, 'JSON signaling messages only');
      return;
    }
    switch (message['type']) {
      case 'subscribe':
        if (namesTopic(message['topics'], room)) {
          let subscribers = topics.get(room);
          if (!subscribers) topics.set(room, (subscribers = new Set()));
          subscribers.add(ws);
        }
        break;
      case 'unsubscribe':
        if (namesTopic(message['topics'], room)) unsubscribe(ws, room);
        break;
      case 'publish': {
        if (message['topic'] !== room) break;
        const subscribers = topics.get(room);
        if (!subscribers) break;
        const text = JSON.stringify({ ...message, clients: subscribers.size });
        for (const subscriber of subscribers) send(subscriber, text);
        break;
      }
      case 'ping':
        send(ws, '{"type":"pong"}');
        break;
      // Anything else: ignored, like y-webrtc's own server does.
    }
  };

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  let closing: Promise<void> | undefined;

  return {
    handleUpgrade(request, socket, head) {
      if (closing) {
        socket.destroy();
        return;
      }
      const url = requestUrl(request);
      const query = url?.searchParams;
      const inPath = url && roomOfPath(url.pathname);
      const inQuery = query?.get('room') ?? undefined;
      const room = inPath ?? inQuery;
      if (
        !room ||
        (inPath && inQuery && inPath !== inQuery) ||
        !tokenOpensRoom(query?.get('token'), room)
      ) {
        refuseUnauthorized(socket);
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        alive.add(ws);
        ws.on('pong', () => alive.add(ws));
        const withinLimits = options.guard?.signalingMeter(ws);
        ws.on('message', (data: RawData, isBinary: boolean) => {
          if (withinLimits && !withinLimits(data)) return;
          onMessage(ws, room, data, isBinary);
        });
        let sockets = byRoom.get(room);
        if (!sockets) byRoom.set(room, (sockets = new Set()));
        sockets.add(ws);
        ws.on('close', () => {
          unsubscribe(ws, room);
          sockets.delete(ws);
          if (sockets.size === 0 && byRoom.get(room) === sockets) byRoom.delete(room);
        });
        // Oversized or malformed frames: ws closes the socket itself (1009 / 1002) after this.
        ws.on('error', () => {});
      });
    },
    closeRoom(room, code, reason) {
      for (const ws of byRoom.get(room) ?? []) {
        ws.close(code, reason);
        setTimeout(() => ws.terminate(), 500).unref();
      }
    },
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        await closeSockets(sockets);
        topics.clear();
      })();
      return closing;
    }
  };
}

type SignalingMessage = Record<string, unknown>;

function parseMessage(data: RawData): SignalingMessage | undefined {
  try {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : data instanceof ArrayBuffer
        ? Buffer.from(data)
        : data;
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as SignalingMessage;
  } catch {
    return undefined;
  }
}

function namesTopic(topics: unknown, room: string): boolean {
  return Array.isArray(topics) && topics.includes(room);
}

/** Beyond this much unsent data a subscriber is not keeping up; it reconnects if it is alive. */
const maxBufferedBytes = 4 * 1024 * 1024;

function send(ws: WebSocket, text: string): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > maxBufferedBytes) {
    ws.terminate();
    return;
  }
  ws.send(text);
}
