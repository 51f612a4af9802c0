import { randomId } from '../domain/ids.ts';
import { presenceIdOf } from '../access/presenceId.ts';

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
 * This device's random secret: how Kring recognises "my notes" without an account. It never
 * leaves the device: its keys in each room are derived from it (access/identity.ts), and
 * nothing it sends links two rooms. Without storage it lasts as long as the page.
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
