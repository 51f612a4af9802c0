import { afterEach, describe, expect, it } from 'vitest';
import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import { WebrtcProvider } from 'y-webrtc';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { keepHubCopiesOffChannel, type PeerRoom } from '../../src/lib/sync/hubCopiesOffChannel.ts';

/*
 * A laptop tab with y-webrtc's real room (no signaling server, so no WebRTC connection: a
 * stand-in connection records what would go to another device), and the browser's other tab
 * as a plain reader of the BroadcastChannel (lib0 delivers to every subscriber in this
 * process), which decrypts with y-webrtc's own module as the other tab would.
 */
const peerCrypto = (await import(
  /* @vite-ignore */ new URL('../../node_modules/y-webrtc/src/crypto.js', import.meta.url).href
)) as {
  deriveKey(secret: string, roomName: string): Promise<CryptoKey>;
  decrypt(data: Uint8Array, key: CryptoKey): Promise<Uint8Array>;
};

const hub = { name: 'the hub provider' };
const password = 'room secret';
const opened: (() => void)[] = [];

afterEach(() => {
  for (const close of opened.splice(0)) close();
});

async function laptopTab(roomName: string) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = new WebrtcProvider(roomName, doc, { signaling: [], password, awareness });
  opened.push(() => provider.destroy());
  await provider.key;
  const room = provider.room as unknown as PeerRoom & { webrtcConns: Map<string, unknown> };
  const toOtherDevice: Uint8Array[] = [];
  room.webrtcConns.set('other-device', {
    peer: { send: (message: Uint8Array) => toOtherDevice.push(message) },
    destroy: () => undefined
  });
  keepHubCopiesOffChannel(room, (origin) => origin === hub);
  return { doc, awareness, room, toOtherDevice };
}

/**
 * The other tab: the doc changes (sync "update" messages; not the first sync's answers) and
 * the presences that cross the channel, in order.
 */
async function otherTab(roomName: string) {
  const key = await peerCrypto.deriveKey(password, roomName);
  const changes: string[][] = [];
  const presences: number[][] = [];
  let heard = (): void => undefined;
  let reading = Promise.resolve();
  const read = (data: Uint8Array): void => {
    reading = reading.then(async () => {
      const decoder = decoding.createDecoder(await peerCrypto.decrypt(new Uint8Array(data), key));
      const type = decoding.readVarUint(decoder);
      if (type === 0 && decoding.readVarUint(decoder) === 2) {
        // The keys it sets (read without applying: an update may need earlier ones).
        const { structs } = Y.decodeUpdate(decoding.readVarUint8Array(decoder));
        changes.push(
          structs.flatMap((struct) => (struct instanceof Y.Item && struct.parentSub) || [])
        );
      } else if (type === 1) {
        const scratch = new Awareness(new Y.Doc());
        applyAwarenessUpdate(scratch, decoding.readVarUint8Array(decoder), null);
        presences.push([...scratch.getStates().keys()].filter((id) => id !== scratch.clientID));
      }
      heard();
    });
  };
  bc.subscribe(roomName, read);
  opened.push(() => bc.unsubscribe(roomName, read));
  /** Resolves once a change with `key` has crossed. */
  const crossed = (key: string): Promise<void> =>
    new Promise((resolve) => {
      heard = () => {
        if (changes.some((keys) => keys.includes(key))) resolve();
      };
      heard();
    });
  return { changes, presences, crossed };
}

/**
 * Waits until this tab's own change `key` has crossed, then for one more change made after it:
 * y-webrtc encrypts each message on its own, and WebCrypto may finish two at once in either
 * order, so a hub copy sent just before `key` could cross just after it. Once a change begun
 * after `key` arrived has crossed too, such a copy would have.
 */
async function settled(
  projector: { crossed: (key: string) => Promise<void> },
  doc: Y.Doc,
  key: string
): Promise<void> {
  await projector.crossed(key);
  doc.getMap('board').set(`${key}-after`, 'idea');
  await projector.crossed(`${key}-after`);
}

describe('keepHubCopiesOffChannel', () => {
  it("keeps the hub's changes off the channel, and sends this tab's own", async () => {
    const projector = await otherTab('room-a');
    const laptop = await laptopTab('room-a');
    const sentBefore = laptop.toOtherDevice.length;

    laptop.doc.transact(() => laptop.doc.getMap('board').set('from-a-phone', 'idea'), hub);
    laptop.doc.getMap('board').set('typed-here', 'idea');
    // Another device still gets both (it may have lost the hub).
    expect(laptop.toOtherDevice.length - sentBefore).toBe(2);
    await settled(projector, laptop.doc, 'typed-here');
    expect(projector.changes.flat()).not.toContain('from-a-phone');
  });

  it("keeps the hub's presence changes off the channel, and sends this tab's own", async () => {
    const projector = await otherTab('room-b');
    const laptop = await laptopTab('room-b');
    // On connect the room asks the channel for presences and, hearing itself through lib0 (which
    // hands a message to the tab's own subscribers too), answers with every presence it holds:
    // once, on connect. What is tested is a change, so that greeting has crossed first.
    laptop.doc.getMap('board').set('connected', 'yes');
    await settled(projector, laptop.doc, 'connected');
    projector.presences.length = 0;
    const phone = new Awareness(new Y.Doc());
    phone.setLocalState({ name: 'phone' });

    applyAwarenessUpdate(laptop.awareness, encodeAwarenessUpdate(phone, [phone.clientID]), hub);
    laptop.awareness.setLocalState({ name: 'laptop' });
    laptop.doc.getMap('board').set('marker', 'after');
    await settled(projector, laptop.doc, 'marker');
    expect(projector.presences.flat()).toContain(laptop.doc.clientID);
    expect(projector.presences.flat()).not.toContain(phone.clientID);
    phone.destroy();
  });

  it('keeps doing so after the room reconnects', async () => {
    const projector = await otherTab('room-c');
    const laptop = await laptopTab('room-c');
    const room = laptop.room as unknown as { disconnect(): void; connect(): void };
    room.disconnect();
    room.connect();

    laptop.doc.transact(() => laptop.doc.getMap('board').set('from-a-phone', 'idea'), hub);
    laptop.doc.getMap('board').set('typed-here', 'idea');
    await settled(projector, laptop.doc, 'typed-here');
    expect(projector.changes.flat()).not.toContain('from-a-phone');
  });

  it('sends everything when no filter is set (the control)', async () => {
    const projector = await otherTab('room-d');
    const doc = new Y.Doc();
    const provider = new WebrtcProvider('room-d', doc, { signaling: [], password });
    opened.push(() => provider.destroy());
    await provider.key;

    doc.transact(() => doc.getMap('board').set('from-a-phone', 'idea'), hub);
    doc.getMap('board').set('typed-here', 'idea');
    // Each message is encrypted on its own (WebCrypto, which may finish them in any order):
    // both cross, in either order.
    await projector.crossed('typed-here');
    await projector.crossed('from-a-phone');
    expect(projector.changes.flat()).toContain('from-a-phone');
  });
});
