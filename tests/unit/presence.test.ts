import { describe, expect, it } from 'vitest';
import {
  countParticipants,
  forgetDeviceAfterMs,
  presenceGraceMs,
  readPresence,
  trackDevices,
  type LiveState,
  type Presence,
  type SeenDevice
} from '../../src/lib/domain/participant.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { presenceIdOf } from '../../src/lib/access/presenceId.ts';

const secret = '0123456789abcdefghjkmnpqrstvwxyz';
const room = 'r'.repeat(26);

function presence(id: string, fields: Partial<Presence> = {}): Presence {
  return { id, role: 'participant', name: undefined, hub: true, peers: 0, ...fields };
}

function live(id: string, heardAt: number, fields: Partial<Presence> = {}): LiveState {
  return { presence: presence(id, fields), heardAt };
}

const fatima = 'fatima0000000000';
const noor = 'noor000000000000';

describe('presence id', () => {
  it('is the same for a device in a room after a reload, and 16 base32 characters', () => {
    expect(presenceIdOf(secret, room)).toBe(presenceIdOf(secret, room));
    expect(presenceIdOf(secret, room)).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
  });

  it('differs per room and per device', () => {
    expect(presenceIdOf(secret, 's'.repeat(26))).not.toBe(presenceIdOf(secret, room));
    expect(presenceIdOf(`${secret}x`, room)).not.toBe(presenceIdOf(secret, room));
  });

  it('shares nothing with the keys the device signs with in that room', () => {
    const id = presenceIdOf(secret, room);
    const identity = roomIdentity(secret, room);
    for (const author of [identity.author('s1').id, identity.author('s2').id])
      expect(author.includes(id) || id.includes(author.slice(0, 8))).toBe(false);
  });
});

describe('readPresence', () => {
  it('keeps only the id, role, chosen name and connection facts', () => {
    expect(
      readPresence({ id: fatima, role: 'participant', name: ' Fatima ', hub: true, peers: 3, x: 1 })
    ).toEqual({ id: fatima, role: 'participant', name: 'Fatima', hub: true, peers: 3 });
  });

  it('is undefined for states that are not ours, including the old author-id ones', () => {
    for (const state of [
      null,
      'participant',
      {},
      { device: 'a'.repeat(26), role: 'participant' },
      { id: 'short', role: 'participant' },
      { id: 'UPPERCASE0000000', role: 'participant' },
      { id: fatima, role: 'boss' }
    ])
      expect(readPresence(state)).toBeUndefined();
  });

  it('reads a name as a person may choose it, and drops nonsense peer counts', () => {
    const forged = readPresence({ id: fatima, role: 'participant', name: 'x'.repeat(500) });
    expect(forged?.name).toBeUndefined();
    expect(readPresence({ id: fatima, role: 'participant', name: '  ' })?.name).toBeUndefined();
    for (const peers of [-1, 1.5, Number.NaN, '3', Infinity])
      expect(readPresence({ id: fatima, role: 'participant', peers })?.peers).toBe(0);
  });
});

describe('trackDevices and countParticipants', () => {
  it('counts one device once, whatever number of awareness clients it has', () => {
    // Two tabs, or a reload whose old client is still there: the latest state shows.
    const devices = trackDevices(
      [],
      [live(fatima, 1000, { name: 'Oud' }), live(fatima, 2000, { name: 'Fatima' })],
      2000
    );
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ name: 'Fatima', heardAt: 2000, live: true });
    expect(countParticipants(devices)).toBe(1);
  });

  it('counts a reloaded device once while its old client goes and its new one comes', () => {
    let devices = trackDevices([], [live(fatima, 0), live(noor, 0)], 0);
    // The old page is gone, the new one not there yet.
    devices = trackDevices(devices, [live(noor, 0)], 1000);
    expect(countParticipants(devices)).toBe(2);
    devices = trackDevices(devices, [live(noor, 0), live(fatima, 4000)], 4000);
    expect(countParticipants(devices)).toBe(2);
    expect(devices.find((device) => device.id === fatima)).toMatchObject({
      live: true,
      goneSince: undefined
    });
  });

  it('keeps a device that went away for the grace period, then drops it from the count', () => {
    let devices = trackDevices([], [live(fatima, 0)], 0);
    devices = trackDevices(devices, [], 10_000);
    expect(devices[0]).toMatchObject({ live: false, goneSince: 10_000, present: true });
    devices = trackDevices(devices, [], 10_000 + presenceGraceMs - 1);
    expect(countParticipants(devices)).toBe(1);
    devices = trackDevices(devices, [], 10_000 + presenceGraceMs);
    expect(countParticipants(devices)).toBe(0);
    // Still listed for the network check, as not connected, with when it was last heard.
    expect(devices[0]).toMatchObject({ live: false, present: false, heardAt: 0 });
  });

  it('counts a device again as soon as it is back', () => {
    let devices = trackDevices([], [live(fatima, 0)], 0);
    devices = trackDevices(devices, [], 1000);
    devices = trackDevices(devices, [], 1000 + presenceGraceMs);
    expect(countParticipants(devices)).toBe(0);
    devices = trackDevices(devices, [live(fatima, 60_000)], 60_000);
    expect(countParticipants(devices)).toBe(1);
  });

  it('forgets a device long gone', () => {
    let devices = trackDevices([], [live(fatima, 0)], 0);
    devices = trackDevices(devices, [], 1);
    devices = trackDevices(devices, [], 1 + forgetDeviceAfterMs + 1);
    expect(devices).toEqual([]);
  });

  it('tells apart the facilitate and projector screens of one laptop, and counts neither', () => {
    const laptop = 'laptop0000000000';
    const devices = trackDevices(
      [],
      [
        { presence: presence(laptop, { role: 'facilitator' }), heardAt: 0, self: true },
        live(laptop, 0, { role: 'projector' }),
        live(fatima, 0)
      ],
      0
    );
    expect(devices.map((device) => [device.role, device.self])).toEqual([
      ['facilitator', true],
      ['projector', false],
      ['participant', false]
    ]);
    expect(countParticipants(devices)).toBe(1);
  });

  it('counts only present participants', () => {
    const devices: SeenDevice[] = trackDevices(
      [],
      [live(fatima, 0), live(noor, 0, { role: 'projector' })],
      0
    );
    expect(countParticipants(devices)).toBe(1);
    expect(countParticipants(devices.map((device) => ({ ...device, present: false })))).toBe(0);
  });
});
