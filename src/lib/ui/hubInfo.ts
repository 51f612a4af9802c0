/** What the hub tells a page about itself (see src/hub/api.ts). */
interface HubInfo {
  readonly addresses: readonly string[];
  readonly port: number;
  /** A hosted Kring (behind a balancer): the page's own address is the one to share. */
  readonly hosted?: boolean;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

/**
 * The origins phones can use to reach this hub: the page's own when phones could open
 * it too, else each LAN address the hub reports. Empty when there is no network.
 */
export async function hubOrigins(url: URL): Promise<string[]> {
  if (!isLoopback(url.hostname)) return [url.origin];
  try {
    const response = await fetch('/api/hub', { cache: 'no-store' });
    if (!response.ok) return [];
    const info = (await response.json()) as HubInfo;
    if (info.hosted) return [url.origin];
    return info.addresses.map((address) => `${url.protocol}//${address}:${info.port}`);
  } catch {
    return []; // offline on one device: nobody else can join anyway
  }
}

/** Asks the hub for a short code that leads to this room; undefined when it can't. */
export async function registerRoomCode(roomKey: string): Promise<string | undefined> {
  try {
    const response = await fetch('/api/room-codes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomKey })
    });
    if (!response.ok) return undefined;
    const { code } = (await response.json()) as { code?: unknown };
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export type CodeLookup =
  | { readonly ok: true; readonly roomKey: string }
  | { readonly ok: false; readonly problem: 'unknown' | 'tooMany' | 'noHub' };

/** Resolves a typed session code to its room key through the hub. */
export async function lookUpRoomCode(code: string): Promise<CodeLookup> {
  const cleaned = code.replace(/[\s-]/g, '').toUpperCase();
  if (!cleaned) return { ok: false, problem: 'unknown' };
  try {
    const response = await fetch(`/api/room-codes/${encodeURIComponent(cleaned)}`, {
      cache: 'no-store'
    });
    if (response.status === 429) return { ok: false, problem: 'tooMany' };
    if (!response.ok) return { ok: false, problem: 'unknown' };
    const { roomKey } = (await response.json()) as { roomKey?: unknown };
    return typeof roomKey === 'string' ? { ok: true, roomKey } : { ok: false, problem: 'unknown' };
  } catch {
    return { ok: false, problem: 'noHub' };
  }
}
