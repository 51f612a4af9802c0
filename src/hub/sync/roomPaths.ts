/*
 * The hub's WebSocket paths. A client names its room in the path, `/sync/<room id>` and
 * `/signal/<room id>`, so a balancer in front of several hubs can send every connection of a
 * room to the same hub by hashing that part (deploy/haproxy.cfg). The bare `/sync` (room in
 * the first Hocuspocus message) and `/signal?room=<id>` stay for clients of earlier versions
 * on a laptop hub; a hosted hub refuses them (they cannot be routed).
 */

export const relayPath = '/sync';
export const signalingPath = '/signal';

/** A room id as Kring makes them (lowercase base32); anything else is not a room. */
const roomId = /^[0-9a-z]{1,64}$/;

export interface SyncRoute {
  readonly kind: 'relay' | 'signaling';
  /** The room named in the path; undefined for the bare paths. */
  readonly room: string | undefined;
}

/** Which sync endpoint a path is, and the room it names; undefined for any other path. */
export function syncRoute(pathname: string): SyncRoute | undefined {
  for (const [kind, base] of [
    ['relay', relayPath],
    ['signaling', signalingPath]
  ] as const) {
    if (pathname === base) return { kind, room: undefined };
    if (pathname.startsWith(`${base}/`)) {
      const room = pathname.slice(base.length + 1);
      return roomId.test(room) ? { kind, room } : undefined;
    }
  }
  return undefined;
}

/** The room a sync or signaling path names, if any. */
export function roomOfPath(pathname: string): string | undefined {
  return syncRoute(pathname)?.room;
}
