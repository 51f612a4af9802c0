import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/*
 * y-webrtc sends every change of the doc to the room's peers: to other devices over WebRTC,
 * and to this browser's other tabs over a BroadcastChannel (encrypted in JavaScript). Changes
 * a tab got from the hub reached the laptop's other tab twice, once from the hub and once over
 * the channel, and were sent on from there (npm run bench: present_longest_frame_ms; in a
 * trace of the projector, ~280 ms of its main thread while 80 phones add ideas). A browser's tabs share its network, so each has
 * the hub when the other does, and a tab that (re)connects to the hub gets all it missed in the
 * first sync. So what came from the hub stays off the channel. Other devices still get it over
 * WebRTC: a phone that lost the hub is fed by its peers. Changes made on this device, and
 * everything while the hub is away, still cross.
 */

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/**
 * y-webrtc's room, as far as this module reaches into it. Not y-webrtc's public API: the
 * version is pinned in package.json and tests/unit/hubCopiesOffChannel.test.ts runs the real
 * one.
 */
export interface PeerRoom {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Whether the room sends on the BroadcastChannel (read when a change is sent). */
  bcconnected: boolean;
  _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void;
}

/** Keeps changes whose origin `fromHub` recognises off the room's BroadcastChannel. */
export function keepHubCopiesOffChannel(room: PeerRoom, fromHub: (origin: unknown) => boolean) {
  function withoutChannel<T>(send: (change: T, origin: unknown) => void) {
    return (change: T, origin: unknown): void => {
      if (!room.bcconnected || !fromHub(origin)) return send(change, origin);
      room.bcconnected = false;
      try {
        send(change, origin);
      } finally {
        room.bcconnected = true;
      }
    };
  }
  // The room (re)registers its handlers on connect and drops them on disconnect.
  const connected = room.bcconnected;
  const onDoc = withoutChannel(room._docUpdateHandler);
  const onAwareness = withoutChannel(room._awarenessUpdateHandler);
  if (connected) {
    room.doc.off('update', room._docUpdateHandler);
    room.awareness.off('update', room._awarenessUpdateHandler);
    room.doc.on('update', onDoc);
    room.awareness.on('update', onAwareness);
  }
  room._docUpdateHandler = onDoc;
  room._awarenessUpdateHandler = onAwareness;
}
