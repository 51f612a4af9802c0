import { describe, expect, it, vi } from 'vitest';
import { challengePath, loginKeysFor, loginToken } from '../../src/lib/access/hubLogin.ts';
import {
  firstIdeaBody,
  firstIdeaPath,
  sendFirstIdea,
  signFirstIdea,
  type SignedFirstIdea
} from '../../src/lib/model/firstIdea.ts';
import { fetchStepPreview } from '../../src/lib/access/stepPreview.ts';
import { compareNotes } from '../../src/lib/domain/board.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import type { StepPreview } from '../../src/lib/domain/stepPreview.ts';
import { brainstormRoomForEachTest } from '../support/brainstormRoom.ts';
import { poll } from '../support/syncServer.ts';
import { addIdea, ideaStep, ideasOf, ready } from '../support/testDevice.ts';

// A joining phone's first idea goes to the hub before its session has loaded
// (POST /api/rooms/<id>/ideas): signed on the phone as its session would sign it, put in the
// room by the hub, and written again by the session once it loads, so it is there once. A
// real hub on a loopback port; the laptop and the phone's session are real session clients.

describe('a first idea sent before the session loads', () => {
  const setting = brainstormRoomForEachTest();
  const { room, laptopAtBrainstorm } = setting;

  async function preview(deviceSecret: string): Promise<StepPreview> {
    return vi.waitFor(async () => {
      const found = await fetchStepPreview({
        origin: setting.hub.origin,
        roomKey: room.roomKey,
        deviceSecret,
        locale: 'nl'
      });
      expect(found).toBeDefined();
      return found as StepPreview;
    }, poll);
  }

  const sign = (deviceSecret: string, shown: StepPreview, text: string, name?: string) =>
    signFirstIdea({
      roomId: room.roomId,
      deviceSecret,
      preview: shown,
      column: ideaStep.column,
      text,
      name,
      now: Date.now()
    });

  const send = (deviceSecret: string, idea: SignedFirstIdea) =>
    sendFirstIdea({ origin: setting.hub.origin, roomKey: room.roomKey, deviceSecret, idea });

  /** Posts a body with a fresh login of this device; returns the status. */
  async function post(deviceSecret: string, body: (token: string) => string): Promise<number> {
    const { challenge } = (await (
      await fetch(`${setting.hub.origin}${challengePath(room.roomId)}`)
    ).json()) as { challenge: string };
    const token = loginToken(loginKeysFor(room.roomKey, deviceSecret), challenge);
    const response = await fetch(`${setting.hub.origin}${firstIdeaPath(room.roomId)}`, {
      method: 'POST',
      body: body(token)
    });
    return response.status;
  }

  it('is on the laptop at once, and the phone’s session then holds it once and builds on it', async () => {
    const laptop = await laptopAtBrainstorm();
    addIdea(laptop, 'Een idee van de begeleider');
    const secret = randomId();
    const idea = await sign(secret, await preview(secret), 'Eerst, voor de sessie er is');
    expect(await send(secret, idea)).toBe('added');
    await vi.waitFor(
      () => expect(ideasOf(laptop)[idea.noteId]).toBe('Eerst, voor de sessie er is'),
      poll
    );

    // The phone's session loads: it writes the same record, then adds a second idea.
    const phone = setting.kit.device(setting.hub, room, { deviceSecret: secret });
    await vi.waitFor(() => expect(ready(phone)).toBe(true), poll);
    expect(phone.client.adoptEntry(idea)).toBe(true);
    const second = addIdea(phone, 'Daarna, in de sessie');
    await vi.waitFor(() => {
      const ideas = ideasOf(laptop);
      expect(ideas[idea.noteId]).toBe('Eerst, voor de sessie er is');
      expect(ideas[second]).toBe('Daarna, in de sessie');
      expect(Object.keys(ideas)).toHaveLength(3);
    }, poll);
  });

  it('is there once when the session writes it before the hub has answered', async () => {
    const laptop = await laptopAtBrainstorm();
    const secret = randomId();
    const idea = await sign(secret, await preview(secret), 'Door twee wegen');
    // The session has loaded first (the post is still on its way): it writes the record itself.
    const phone = setting.kit.device(setting.hub, room, { deviceSecret: secret });
    await vi.waitFor(() => expect(ready(phone)).toBe(true), poll);
    expect(phone.client.adoptEntry(idea)).toBe(true);
    await vi.waitFor(() => expect(ideasOf(laptop)[idea.noteId]).toBe('Door twee wegen'), poll);
    // The hub has the entry now, from the session: the post is turned away, nothing doubles.
    expect(await send(secret, idea)).toBe('refused');
    const second = addIdea(phone, 'Tweede');
    await vi.waitFor(
      () => expect(Object.keys(ideasOf(laptop)).sort()).toEqual([idea.noteId, second].sort()),
      poll
    );
  });

  it('is not adopted over another version of the entry: the session adds the idea anew', async () => {
    const laptop = await laptopAtBrainstorm();
    const secret = randomId();
    const phone = setting.kit.device(setting.hub, room, { deviceSecret: secret });
    await vi.waitFor(() => expect(ready(phone)).toBe(true), poll);
    addIdea(phone, 'Al eerder geschreven');
    const idea = await sign(secret, await preview(secret), 'Later op het eerste scherm');
    expect(phone.client.adoptEntry(idea)).toBe(false);
    expect(await send(secret, idea)).toBe('refused');
    await vi.waitFor(
      () => expect(Object.values(ideasOf(laptop))).toEqual(['Al eerder geschreven']),
      poll
    );
  });

  it('shows the name only where the step shows names', async () => {
    await laptopAtBrainstorm();
    const secret = randomId();
    const shown = await preview(secret);
    const anonymous = await sign(
      secret,
      { ...shown, step: { ...shown.step, anonymous: true } },
      'x',
      'An'
    );
    expect(anonymous.data.n?.[0]).toHaveLength(5);
    const named = await sign(
      secret,
      { ...shown, step: { ...shown.step, anonymous: false } },
      'x',
      'An'
    );
    expect(named.data.n?.[0]?.[5]).toBe('An');
    expect(named.data.n?.[0]?.[4]).toBe(shown.clock + 1);
    expect(named.at).toBe(shown.at);
  });

  it('takes only a signed first idea for the open brainstorm, with a fresh login', async () => {
    const laptop = await laptopAtBrainstorm();
    const secret = randomId();
    const shown = await preview(secret);
    const idea = await sign(secret, shown, 'Echt');

    // No login, or a used one.
    const bare = await fetch(`${setting.hub.origin}${firstIdeaPath(room.roomId)}`, {
      method: 'POST',
      body: firstIdeaBody('v2.made.up', idea)
    });
    expect(bare.status).toBe(403);
    // Changed words under the phone's signature; another version number; another column;
    // two ideas at once; malformed.
    const forged = (changes: Partial<SignedFirstIdea['stored']>) => (token: string) =>
      firstIdeaBody(token, { ...idea, stored: { ...idea.stored, ...changes } });
    const tampered = { n: [[...(idea.data.n?.[0] ?? [])]] } as SignedFirstIdea['data'];
    (tampered.n?.[0] as unknown[])[2] = 'Vervalst';
    expect(await post(secret, forged({ d: tampered }))).toBe(400);
    expect(await post(secret, forged({ q: 2 as 1 }))).toBe(400);
    const other = await signFirstIdea({
      roomId: room.roomId,
      deviceSecret: randomId(),
      preview: { ...shown, step: { ...shown.step, columns: [{ id: 'elders', title: 'Elders' }] } },
      column: 'elders',
      text: 'Verkeerde kolom',
      now: 0
    });
    expect(await post(secret, (token) => firstIdeaBody(token, other))).toBe(400);
    expect(await post(secret, (token) => JSON.stringify({ token, key: idea.key }))).toBe(400);
    expect(await post(secret, (token) => `{"token":"${token}","entry":`)).toBe(403);

    // The real one, once.
    expect(await post(secret, (token) => firstIdeaBody(token, idea))).toBe(200);
    expect(await post(secret, (token) => firstIdeaBody(token, idea))).toBe(409);
    await vi.waitFor(() => expect(Object.values(ideasOf(laptop))).toEqual(['Echt']), poll);

    // The brainstorm closed: nothing more is taken this way.
    laptop.must({ type: 'steer', action: { type: 'lock' }, now: 0 });
    const late = randomId();
    const lateIdea = await sign(late, shown, 'Te laat');
    await vi.waitFor(
      async () => expect(await post(late, (token) => firstIdeaBody(token, lateIdea))).toBe(409),
      poll
    );
    expect(Object.values(ideasOf(laptop))).toEqual(['Echt']);
  });

  it('is turned away once other ideas came in after its preview (its place would be among them)', async () => {
    const laptop = await laptopAtBrainstorm();
    const [anna, ben] = [randomId(), randomId()];
    const shown = await preview(anna);
    // Both phones got the same preview; Anna sends first.
    const first = await sign(anna, shown, 'Eerst');
    const second = await sign(ben, shown, 'Daarna');
    expect(await send(anna, first)).toBe('added');
    expect(await send(ben, second)).toBe('refused');
    await vi.waitFor(() => expect(Object.values(ideasOf(laptop))).toEqual(['Eerst']), poll);
    // A preview asked for now places Ben's idea after Anna's.
    const again = await sign(ben, await preview(ben), 'Daarna');
    expect(await send(ben, again)).toBe('added');
    await vi.waitFor(() => {
      const notes = [...laptop.client.view.notesOf(ideaStep.stepId)].sort(compareNotes);
      expect(notes.map((note) => note.text)).toEqual(['Eerst', 'Daarna']);
    }, poll);
  });

  it('is turned away by a hub that does not hold the room (the session adds it)', async () => {
    const secret = randomId();
    const idea = await sign(
      secret,
      {
        title: 'x',
        at: 1,
        clock: 0,
        step: {
          id: ideaStep.stepId,
          title: 'x',
          prompt: 'x',
          columns: [{ id: ideaStep.column, title: 'x' }],
          maxLength: 280,
          anonymous: true
        }
      },
      'Niemand thuis'
    );
    expect(await post(secret, (token) => firstIdeaBody(token, idea))).toBe(404);
  });
});
