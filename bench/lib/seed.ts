import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { facilitatorDevice } from './rooms.ts';
import { buildSessionModel, type SessionModel } from './sessionModel.ts';
import { sleep } from './stats.ts';

/**
 * Fills a room that holds a session (made in the app) with a busy session's records, built
 * on the room's own state by phones and a facilitator laptop as sessionModel.ts describes,
 * and sent through the hub one update per message (as the devices that made them would have).
 * Resolves once the hub has acknowledged all of them.
 */
export async function seedRoom(
  hubUrl: string,
  session: { readonly roomKey: string; readonly facilitatorKey: string },
  options: { readonly stepId: string; readonly notes: number; readonly votes: number }
): Promise<SessionModel> {
  const { login } = facilitatorDevice(session.roomKey, session.facilitatorKey);
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: `${hubUrl.replace(/^http/, 'ws')}/sync`,
    name: login.roomId,
    token: () => fetchLoginToken(hubUrl, login),
    document: doc,
    awareness: null
  });
  try {
    await new Promise<void>((resolve, reject) => {
      provider.on('synced', ({ state }: { state: boolean }) => state && resolve());
      provider.on('authenticationFailed', () => reject(new Error('seed refused by the hub')));
    });
    const model = buildSessionModel({
      notes: options.notes,
      votes: options.votes,
      room: { ...session, stepId: options.stepId, state: Y.encodeStateAsUpdate(doc) }
    });
    for (const update of model.updates) Y.applyUpdate(doc, update);
    const deadline = Date.now() + 120_000;
    while (provider.hasUnsyncedChanges) {
      if (Date.now() > deadline) throw new Error('the hub did not acknowledge the seed');
      await sleep(50);
    }
    return model;
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
