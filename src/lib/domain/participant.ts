import { characterCount, stripInvisible } from './text.ts';

/** Display names stay short: they sit under a note on the projector. */
export const maxNameLength = 40;

export type NameCheck =
  | { readonly ok: true; readonly name: string | undefined }
  | { readonly ok: false; readonly error: 'tooLong' };

/** An empty name means anonymous, which is the default. */
export function checkDisplayName(raw: string): NameCheck {
  const name = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  if (characterCount(name) > maxNameLength) return { ok: false, error: 'tooLong' };
  return { ok: true, name: name || undefined };
}

/** How a device presents itself to the others in a room (the awareness state). */
export interface Presence {
  readonly device: string;
  readonly role: 'facilitator' | 'participant' | 'projector';
  readonly name?: string | undefined;
  /** Connected to the hub right now. */
  readonly hub: boolean;
  /** Direct peer connections right now. */
  readonly peers: number;
}

function isRole(value: unknown): value is Presence['role'] {
  return value === 'facilitator' || value === 'participant' || value === 'projector';
}

/** Reads an awareness state from another device, or undefined when it is not one of ours. */
export function readPresence(state: unknown): Presence | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { device, role, name, hub, peers } = state as Record<string, unknown>;
  if (typeof device !== 'string' || !isRole(role)) return undefined;
  return {
    device,
    role,
    name: typeof name === 'string' && name.trim() ? name.slice(0, maxNameLength) : undefined,
    hub: hub === true,
    peers: typeof peers === 'number' && Number.isFinite(peers) ? peers : 0
  };
}

/** Participants in the room: one per device, whatever number of tabs it has open. */
export function countParticipants(presences: Iterable<Presence>): number {
  const devices = new Set<string>();
  for (const presence of presences)
    if (presence.role === 'participant') devices.add(presence.device);
  return devices.size;
}
