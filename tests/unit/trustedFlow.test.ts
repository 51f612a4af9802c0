import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyFlow, initialFlow } from '../../src/lib/model/flow.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { signFlow } from '../../src/lib/access/flowSigning.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys
} from '../../src/lib/sync/roomAccess.ts';
import { initSession, writeFlow } from '../../src/lib/sync/sessionDoc.ts';
import { trustedFlow } from '../../src/lib/sync/trustedFlow.ts';

function session() {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const secrets = deriveRoomSecrets(roomKey);
  const identity = facilitatorIdentity(facilitatorKey);
  const doc = new Y.Doc();
  initSession(doc, 'SWOT Lier', swot, toBase32(identity.publicKey));
  return { doc, secrets, identity };
}

describe('trusted flow', () => {
  it('follows the newest state signed by the facilitator of the room', () => {
    const { doc, secrets, identity } = session();
    const first = initialFlow(swot);
    const second = applyFlow(swot, first, { type: 'next' }, 0);
    writeFlow(doc, signFlow(first, secrets.roomId, identity.secretKey));
    writeFlow(doc, signFlow(second, secrets.roomId, identity.secretKey));
    expect(trustedFlow(doc, secrets.roomId, secrets.verifier, undefined)).toEqual(second);
  });

  it('ignores unsigned, tampered, foreign-room and other-facilitator states', () => {
    const { doc, secrets, identity } = session();
    const good = signFlow(initialFlow(swot), secrets.roomId, identity.secretKey);
    writeFlow(doc, good);
    const ahead = applyFlow(swot, good.state, { type: 'goTo', stepId: 'stemmen' }, 0);
    const attempts = [
      { state: ahead, signature: good.signature },
      { state: { ...ahead, seq: ahead.seq + 5 }, signature: 'garbage' },
      signFlow({ ...ahead, seq: ahead.seq + 6 }, 'another-room', identity.secretKey),
      signFlow(
        { ...ahead, seq: ahead.seq + 7 },
        secrets.roomId,
        facilitatorIdentity(newSessionKeys().facilitatorKey).secretKey
      )
    ];
    for (const forged of attempts) writeFlow(doc, forged);
    expect(trustedFlow(doc, secrets.roomId, secrets.verifier, undefined)).toEqual(good.state);
  });

  it('never goes back to an older state replayed by a peer', () => {
    const { doc, secrets, identity } = session();
    const first = initialFlow(swot);
    const later = applyFlow(swot, applyFlow(swot, first, { type: 'next' }, 0), { type: 'next' }, 0);
    const replayDoc = new Y.Doc();
    writeFlow(replayDoc, signFlow(first, secrets.roomId, identity.secretKey));
    writeFlow(doc, signFlow(first, secrets.roomId, identity.secretKey));
    expect(trustedFlow(doc, secrets.roomId, secrets.verifier, later)).toBe(later);
  });

  it('trusts nothing when the public key in the doc is not the one the link names', () => {
    const { doc, secrets } = session();
    const impostor = facilitatorIdentity(newSessionKeys().facilitatorKey);
    const fake = new Y.Doc();
    initSession(fake, 'x', swot, toBase32(impostor.publicKey));
    writeFlow(fake, signFlow(initialFlow(swot), secrets.roomId, impostor.secretKey));
    expect(trustedFlow(fake, secrets.roomId, secrets.verifier, undefined)).toBeUndefined();
    expect(trustedFlow(doc, secrets.roomId, secrets.verifier, undefined)).toBeUndefined();
  });
});
