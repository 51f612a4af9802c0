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

export type PresenceRole = 'facilitator' | 'participant' | 'projector';

/** Length of a presence id (see presenceId.ts): 80 bits, plenty for one room. */
export const presenceIdLength = 16;
const presenceIdPattern = new RegExp(`^[0-9a-z]{${presenceIdLength}}$`);

/**
 * How a device presents itself to the others in a room (its awareness state): an id of its
 * own for this room, never its author id, so presence cannot be linked to what it writes.
 */
export interface Presence {
  readonly id: string;
  readonly role: PresenceRole;
  /** Only a name the person chose to show. */
  readonly name?: string | undefined;
  /** Connected to the hub right now. */
  readonly hub: boolean;
  /** Devices connected directly (peer-to-peer) right now. */
  readonly peers: number;
}

function isRole(value: unknown): value is PresenceRole {
  return value === 'facilitator' || value === 'participant' || value === 'projector';
}

/** Reads an awareness state from another device, or undefined when it is not one of ours. */
export function readPresence(state: unknown): Presence | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { id, role, name, hub, peers } = state as Record<string, unknown>;
  if (typeof id !== 'string' || !presenceIdPattern.test(id) || !isRole(role)) return undefined;
  const shown = typeof name === 'string' ? checkDisplayName(name) : undefined;
  return {
    id,
    role,
    name: shown?.ok ? shown.name : undefined,
    hub: hub === true,
    peers: typeof peers === 'number' && Number.isInteger(peers) && peers > 0 ? peers : 0
  };
}

/*
 * Who is in the room, as one screen sees it. Presence arrives over both paths (the hub and
 * peer-to-peer) into one awareness, where a device may come and go for a moment: a reload
 * gives it a new awareness client, the hub going away or a device's relay closing is passed
 * on as "left" until the device answers that it is still here. The count follows devices,
 * not awareness clients, and forgives such moments: a device counts while it has a state on
 * either path and for a grace period after.
 */

/**
 * How long a device still counts after its presence went away. Longer than a reload of a
 * phone takes, so a reload counts once; short enough that someone who left soon drops off.
 * A device that went quiet without saying so is first removed by the awareness protocol
 * itself, 30 s after its last message (it renews its state every 15 s).
 */
export const presenceGraceMs = 15_000;

/** How long the network check keeps listing a device that left. */
export const forgetDeviceAfterMs = 10 * 60_000;

/** One awareness state on this screen right now. */
export interface LiveState {
  readonly presence: Presence;
  /** When this screen last heard from that awareness client (ms since the epoch). */
  readonly heardAt: number;
  /** The state is this screen's own. */
  readonly self?: boolean;
}

/** A device (one per presence id and role) as this screen has seen it. */
export interface SeenDevice extends Presence {
  /** One per device and role: a laptop shows the facilitate and the projector screen. */
  readonly key: string;
  readonly self: boolean;
  /** When it was last heard from, on either path. */
  readonly heardAt: number;
  /** It has a presence state on this screen right now. */
  readonly live: boolean;
  /** When it stopped being live (undefined while live). */
  readonly goneSince?: number | undefined;
  /** It counts as in the room: live, or gone for less than the grace period. */
  readonly present: boolean;
}

function deviceKey(presence: Presence): string {
  return `${presence.role}:${presence.id}`;
}

/**
 * The devices after a look at the awareness at `now`: the live states (grouped per device,
 * the latest state winning), and devices seen before that have gone, kept while they still
 * count and, for the network check, a while longer.
 */
export function trackDevices(
  previous: readonly SeenDevice[],
  live: Iterable<LiveState>,
  now: number
): SeenDevice[] {
  const seen = new Map<string, SeenDevice>();
  for (const { presence, heardAt, self = false } of live) {
    const key = deviceKey(presence);
    const other = seen.get(key);
    // Two tabs, or a reload's old and new client: one device, shown as last heard.
    const latest = other && other.heardAt > heardAt ? other : { ...presence, key, heardAt };
    seen.set(key, {
      ...latest,
      self: self || (other?.self ?? false),
      live: true,
      goneSince: undefined,
      present: true
    });
  }
  for (const device of previous) {
    if (seen.has(device.key)) continue;
    const goneSince = device.goneSince ?? now;
    if (now - goneSince > forgetDeviceAfterMs) continue;
    seen.set(device.key, {
      ...device,
      live: false,
      goneSince,
      present: now - goneSince < presenceGraceMs
    });
  }
  return [...seen.values()];
}

/** Participants in the room: present devices in the participant role, one per device. */
export function countParticipants(devices: Iterable<SeenDevice>): number {
  const ids = new Set<string>();
  for (const device of devices)
    if (device.present && device.role === 'participant') ids.add(device.id);
  return ids.size;
}
