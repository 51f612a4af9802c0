import type { Presence } from '$lib/domain/participant.ts';
import { RoomConnection, type SyncPaths } from '$lib/sync/RoomConnection.ts';
import { LiveBoard } from './LiveBoard.svelte.ts';

/**
 * `?paths=relay` or `?paths=peer` limits a screen to one sync path: a diagnostic for the
 * network check, and how the tests prove each path works on its own.
 */
export function syncPathsFrom(url: URL): SyncPaths {
  const paths = url.searchParams.get('paths');
  if (paths === 'relay') return { relay: true, peer: false };
  if (paths === 'peer') return { relay: false, peer: true };
  return { relay: true, peer: true };
}

export interface OpenRoomInput {
  readonly roomKey: string;
  readonly url: URL;
  readonly presence: Omit<Presence, 'hub' | 'peers'>;
}

/** Connects this screen to a room and wraps it as reactive board state. */
export function openRoom(input: OpenRoomInput): { connection: RoomConnection; board: LiveBoard } {
  const connection = new RoomConnection({
    roomKey: input.roomKey,
    origin: input.url.origin,
    paths: syncPathsFrom(input.url),
    presence: { ...input.presence }
  });
  const board = new LiveBoard(connection, {
    token: input.presence.device,
    facilitator: input.presence.role === 'facilitator'
  });
  // Ask the browser to keep this device's copy even under storage pressure (secure
  // contexts only; phones on plain http simply don't get the guarantee).
  void navigator.storage?.persist?.().catch(() => false);
  return { connection, board };
}
