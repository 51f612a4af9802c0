import { randomId } from '../domain/ids.ts';
import { authorIdOf } from '../sync/authorId.ts';
import { presenceIdOf } from '../sync/presenceId.ts';

const tokenKey = 'kring.device';
const nameKey = 'kring.name';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // blocked storage (some private modes) throws on access
  }
}

let memoryToken: string | undefined;

/**
 * This device's random secret: how Kring recognises "my notes" without an account. It
 * never leaves the device except to the hub; notes carry the author id derived from it.
 * Without storage it lasts as long as the page.
 */
export function deviceSecret(): string {
  const store = storage();
  try {
    const existing = store?.getItem(tokenKey);
    if (existing) return existing;
    const token = randomId();
    store?.setItem(tokenKey, token);
    return token;
  } catch {
    memoryToken ??= randomId();
    return memoryToken;
  }
}

/** The public author id of this device: what its notes, votes and picks carry. */
export function deviceAuthor(): string {
  return authorIdOf(deviceSecret());
}

/** How this device shows itself in a room's presence (never its author id). */
export function devicePresenceId(roomId: string): string {
  return presenceIdOf(deviceSecret(), roomId);
}

/** The name this person chose to show, if any (remembered on this device). */
export function savedDisplayName(): string | undefined {
  try {
    return storage()?.getItem(nameKey) || undefined;
  } catch {
    return undefined;
  }
}

/** Whether this device already joined the room (then a reload goes straight to the board). */
export function hasJoined(roomId: string): boolean {
  try {
    return storage()?.getItem(`kring.joined.${roomId}`) === '1';
  } catch {
    return false;
  }
}

export function rememberJoined(roomId: string): void {
  try {
    storage()?.setItem(`kring.joined.${roomId}`, '1');
  } catch {
    // Not remembered: the name step shows again after a reload, nothing else is lost.
  }
}

export function saveDisplayName(name: string | undefined): void {
  try {
    if (name) storage()?.setItem(nameKey, name);
    else storage()?.removeItem(nameKey);
  } catch {
    // Not remembered; the name still applies to this visit.
  }
}
