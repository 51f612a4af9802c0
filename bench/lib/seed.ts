import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { Device } from './rooms.ts';
import { sleep } from './stats.ts';

/**
 * Sends `updates` to a room through the hub, one message each (as the devices that made them
 * would have), and resolves once the hub has acknowledged all of them. Other people's notes
 * can only come from a facilitator device (the hub refuses them from a participant).
 */
export async function seedRoom(
  hubUrl: string,
  { ticket }: Device,
  updates: readonly Uint8Array[]
): Promise<void> {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: `${hubUrl.replace(/^http/, 'ws')}/sync`,
    name: ticket.name,
    token: ticket.token,
    document: doc,
    awareness: null
  });
  try {
    await new Promise<void>((resolve, reject) => {
      provider.on('synced', ({ state }: { state: boolean }) => state && resolve());
      provider.on('authenticationFailed', () => reject(new Error('seed refused by the hub')));
    });
    for (const update of updates) Y.applyUpdate(doc, update);
    const deadline = Date.now() + 60_000;
    while (provider.hasUnsyncedChanges) {
      if (Date.now() > deadline) throw new Error('the hub did not acknowledge the seed');
      await sleep(50);
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
