import { describe, expect, it, vi } from 'vitest';
import { challengePath, loginToken } from '../../src/lib/access/hubLogin.ts';
import { fetchStepPreview, stepPreviewPath } from '../../src/lib/access/stepPreview.ts';
import { newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { parseStepPreview, type StepPreview } from '../../src/lib/domain/stepPreview.ts';
import { brainstormRoomForEachTest } from '../support/brainstormRoom.ts';
import { poll } from '../support/syncServer.ts';

// A joining phone's first screen comes from the hub (POST /api/rooms/<id>/preview): the open
// brainstorm, for a login of a fresh challenge, from the room as the hub holds it. Real hub
// sync on a loopback port, a facilitator's device writing signed records.

const good: StepPreview = {
  title: 'Netwerkdag',
  at: 3,
  clock: 12,
  step: {
    id: 'swot',
    title: 'Stil schrijven',
    prompt: 'Schrijf wat jij ziet.',
    columns: [
      { id: 'sterktes', title: 'Sterktes' },
      { id: 'zwaktes', title: 'Zwaktes' }
    ],
    maxLength: 280,
    anonymous: true
  }
};

describe('parseStepPreview', () => {
  it('reads what the hub sends', () => {
    expect(parseStepPreview(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each([
    ['nothing', null],
    ['no step', { title: 'x', at: 0, clock: 0 }],
    ['no flow state', { ...good, at: undefined }],
    ['a negative clock', { ...good, clock: -1 }],
    ['no columns', { ...good, step: { ...good.step, columns: [] } }],
    ['a column without id', { ...good, step: { ...good.step, columns: [{ title: 'x' }] } }],
    [
      'nine columns',
      { ...good, step: { ...good.step, columns: Array(9).fill(good.step.columns[0]) } }
    ],
    ['a length in text', { ...good, step: { ...good.step, maxLength: '280' } }],
    ['a huge prompt', { ...good, step: { ...good.step, prompt: 'x'.repeat(5000) } }],
    ['no anonymous flag', { ...good, step: { ...good.step, anonymous: undefined } }]
  ])('refuses %s', (_, value) => {
    expect(parseStepPreview(value)).toBeUndefined();
  });
});

describe('the hub previews the open step', () => {
  const setting = brainstormRoomForEachTest();
  const { room, laptopAtBrainstorm } = setting;

  const ask = (roomKey = room.roomKey, locale: 'nl' | 'en' = 'nl') =>
    fetchStepPreview({
      origin: setting.hub.origin,
      roomKey,
      deviceSecret: randomId(),
      locale
    });

  it('shows the brainstorm a facilitator opened, in the phone’s language', async () => {
    await laptopAtBrainstorm();
    const preview = await vi.waitFor(async () => {
      const found = await ask();
      expect(found).toBeDefined();
      return found as StepPreview;
    }, poll);
    expect(preview.title).toBe('Netwerkdag');
    expect(preview.step).toMatchObject({ id: 'swot', title: 'Stil schrijven', anonymous: true });
    expect(preview.step.columns.map((column) => column.title)).toEqual([
      'Sterktes',
      'Zwaktes',
      'Kansen',
      'Bedreigingen'
    ]);
    expect((await ask(room.roomKey, 'en'))?.step.title).toBe('Silent writing');
  });

  it('has nothing to show for another step, a closed brainstorm, or a room it does not hold', async () => {
    expect(await ask()).toBeUndefined();
    const laptop = await laptopAtBrainstorm();
    await vi.waitFor(async () => expect(await ask()).toBeDefined(), poll);
    laptop.must({ type: 'steer', action: { type: 'lock' }, now: 0 });
    await vi.waitFor(async () => expect(await ask()).toBeUndefined(), poll);
    laptop.must({ type: 'steer', action: { type: 'unlock' }, now: 0 });
    await vi.waitFor(async () => expect(await ask()).toBeDefined(), poll);
    laptop.must({ type: 'steer', action: { type: 'goTo', stepId: 'uitleg' }, now: 0 });
    await vi.waitFor(async () => expect(await ask()).toBeUndefined(), poll);
  });

  it('answers only a fresh login with the room key', async () => {
    await laptopAtBrainstorm();
    await vi.waitFor(async () => expect(await ask()).toBeDefined(), poll);
    // A key of another room: its login names another room, so it is refused.
    expect(await ask(newSessionKeys().roomKey)).toBeUndefined();
    const post = (token: unknown) =>
      fetch(`${setting.hub.origin}${stepPreviewPath(room.roomId)}`, {
        method: 'POST',
        body: JSON.stringify({ token })
      });
    const challenge = async () =>
      (
        (await (await fetch(`${setting.hub.origin}${challengePath(room.roomId)}`)).json()) as {
          challenge: string;
        }
      ).challenge;
    expect((await post('v2.made.up')).status).toBe(403);
    expect((await post(undefined)).status).toBe(403);
    const token = loginToken(room.participant, await challenge());
    expect((await post(token)).status).toBe(200);
    // The same login again (sniffed on the wifi): the challenge is used up.
    expect((await post(token)).status).toBe(403);
  });
});
