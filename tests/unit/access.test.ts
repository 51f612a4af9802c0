import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it, vi } from 'vitest';
import { verifyNative } from '../../src/hub/sync/nodeVerify.ts';
import { Challenges } from '../../src/hub/sync/challenges.ts';
import { admit } from '../../src/hub/sync/login.ts';
import {
  loginKeysFor,
  loginToken,
  loginTokenSoon,
  verifyLoginToken
} from '../../src/lib/access/hubLogin.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import {
  checkFacilitatorLink,
  checkJoinLink,
  deriveRoomSecrets,
  facilitatorIdentity,
  facilitatorPath,
  joinPath,
  legacyRoomId,
  newRoomKey,
  newSessionKeys
} from '../../src/lib/access/roomKeys.ts';
import {
  checkJoinLinkShape,
  checkRoomKeyShape,
  roomKeyLength
} from '../../src/lib/access/roomKeyShape.ts';
import {
  isAcceptableKey,
  signMessage,
  signNatively,
  verifyBatch,
  verifyBatchInJs,
  verifyInJs,
  type VerifyRequest
} from '../../src/lib/access/signatures.ts';

const fixed = (byte: number) => (length: number) => new Uint8Array(length).fill(byte);

describe('room keys', () => {
  it('are 128 random bits plus the facilitator fingerprint, written "K.V"', () => {
    const key = newRoomKey();
    expect(key).toHaveLength(roomKeyLength);
    expect(key).toMatch(/^[0-9a-z]{26}\.[0-9a-z]{26}$/);
    expect(checkRoomKeyShape(key)).toEqual({ ok: true, roomKey: key });
  });

  it('derive the same room id on every device, and bind the facilitator into it', () => {
    const { roomKey, facilitatorKey } = newSessionKeys(fixed(1));
    expect(deriveRoomSecrets(roomKey).roomId).toBe(deriveRoomSecrets(roomKey).roomId);
    expect(deriveRoomSecrets(roomKey).verifier).toBe(facilitatorIdentity(facilitatorKey).verifier);
    const [k] = roomKey.split('.');
    const other = `${k}.${facilitatorIdentity(newSessionKeys().facilitatorKey).verifier}`;
    expect(deriveRoomSecrets(other).roomId).not.toBe(deriveRoomSecrets(roomKey).roomId);
    // Rooms of schema 1 had another id, kept only to find old local copies.
    expect(legacyRoomId(roomKey)).not.toBe(deriveRoomSecrets(roomKey).roomId);
  });

  it('check join and co-facilitator links before any network', () => {
    const { roomKey, facilitatorKey } = newSessionKeys();
    const { roomId } = deriveRoomSecrets(roomKey);
    expect(joinPath(roomKey)).toBe(`/j/${roomId}#${roomKey}`);
    expect(checkJoinLink(roomId, `#${roomKey}`)).toMatchObject({ ok: true, roomKey });
    expect(checkJoinLink(roomId, `#${newRoomKey()}`)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkJoinLinkShape(roomId, `#${roomKey.slice(0, 20)}`)).toEqual({
      ok: false,
      problem: 'truncated'
    });
    expect(checkJoinLinkShape(roomId, '#')).toEqual({ ok: false, problem: 'missing' });
    expect(checkJoinLinkShape(roomId, '#!!')).toEqual({ ok: false, problem: 'malformed' });
    const link = facilitatorPath(roomKey, facilitatorKey);
    const [path, fragment] = link.split('#');
    expect(checkFacilitatorLink(path?.split('/').at(-1) ?? '', fragment ?? '')).toMatchObject({
      ok: true,
      facilitatorKey
    });
    const stranger = newSessionKeys().facilitatorKey;
    expect(checkFacilitatorLink(roomId, `${roomKey}.${stranger}`)).toEqual({
      ok: false,
      problem: 'mismatch'
    });
  });
});

describe('a device’s identities', () => {
  it('differ per room and per step, so nothing links a person across rooms or steps', () => {
    const a = roomIdentity('device-ann', 'room1');
    const b = roomIdentity('device-ann', 'room2');
    expect(a.author('swot').id).toBe(roomIdentity('device-ann', 'room1').author('swot').id);
    expect(a.author('swot').id).not.toBe(b.author('swot').id);
    expect(a.author('swot').id).not.toBe(a.author('stemmen').id);
    expect(a.author('swot').id).not.toBe(roomIdentity('device-ben', 'room1').author('swot').id);
    expect(a.login.publicKey).not.toEqual(a.author('swot').publicKey);
  });
});

describe('hub login', () => {
  const keys = (facilitator = false) => {
    const session = newSessionKeys();
    return {
      session,
      keys: loginKeysFor(
        session.roomKey,
        'device-secret-1234',
        facilitator ? session.facilitatorKey : undefined
      )
    };
  };

  it('signs a fresh challenge, sends no secret, and names the role', () => {
    const { session, keys: login } = keys(true);
    const challenges = new Challenges();
    const token = loginToken(login, challenges.issue(login.roomId));
    for (const secret of [
      session.roomKey,
      session.facilitatorKey,
      'device-secret-1234',
      session.roomKey.split('.')[0] as string
    ]) {
      expect(token).not.toContain(secret);
    }
    expect(admit(token, login.roomId, challenges)).toMatchObject({
      role: 'facilitator',
      roomId: login.roomId
    });
    const participant = keys(false).keys;
    const admitted = admit(
      loginToken(participant, challenges.issue(participant.roomId)),
      participant.roomId,
      challenges
    );
    expect(admitted?.role).toBe('participant');
  });

  it('signs the same token natively (WebCrypto) as in JavaScript', async () => {
    for (let i = 0; i < 8; i++) {
      const seed = crypto.getRandomValues(new Uint8Array(32));
      const message = crypto.getRandomValues(new Uint8Array(i * 37));
      expect(await signNatively(message, seed)).toEqual(signMessage(message, seed));
    }
    const challenges = new Challenges();
    for (const facilitator of [true, false]) {
      const { keys: login } = keys(facilitator);
      const challenge = challenges.issue(login.roomId);
      const native = await loginTokenSoon(login, challenge);
      expect(native).toBe(loginToken(login, challenge));
      expect(admit(native, login.roomId, challenges)?.role).toBe(
        facilitator ? 'facilitator' : 'participant'
      );
    }
  });

  it('accepts each challenge once, for its own room, before it expires', () => {
    let now = 1_000_000;
    const challenges = new Challenges({ now: () => now, lifetimeMs: 60_000 });
    const { keys: login } = keys();
    const challenge = challenges.issue(login.roomId);
    const token = loginToken(login, challenge);
    expect(admit(token, login.roomId, challenges)).toBeDefined();
    expect(admit(token, login.roomId, challenges)).toBeUndefined(); // replayed
    const other = keys().keys;
    const foreign = challenges.issue(other.roomId);
    expect(admit(loginToken(login, foreign), login.roomId, challenges)).toBeUndefined();
    const late = challenges.issue(login.roomId);
    now += 61_000;
    expect(admit(loginToken(login, late), login.roomId, challenges)).toBeUndefined();
    expect(
      admit(loginToken(login, new Challenges().issue(login.roomId)), login.roomId, challenges)
    ).toBeUndefined();
  });

  it('refuses a token for another room, a tampered one and a facilitator key that is not the room’s', () => {
    const challenges = new Challenges();
    const { keys: login } = keys();
    const token = loginToken(login, challenges.issue(login.roomId));
    expect(verifyLoginToken(token, keys().keys.roomId)).toBeUndefined();
    const parts = token.split('.');
    parts[7] = (parts[7] ?? '').replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(verifyLoginToken(parts.join('.'), login.roomId)).toBeUndefined();
    const impostor = {
      ...login,
      facilitator: facilitatorIdentity(newSessionKeys().facilitatorKey)
    };
    expect(
      verifyLoginToken(loginToken(impostor, challenges.issue(login.roomId)), login.roomId)
    ).toBeUndefined();
    expect(verifyLoginToken('x'.repeat(5000), login.roomId)).toBeUndefined();
    expect(verifyLoginToken(42, login.roomId)).toBeUndefined();
  });
});

describe('signatures', () => {
  const pair = ed25519.keygen(new Uint8Array(32).fill(3));
  const message = utf8ToBytes('kring/entry/v2 test');
  const good: VerifyRequest = {
    message,
    signature: ed25519.sign(message, pair.secretKey),
    publicKey: pair.publicKey
  };
  const order = ed25519.Point.Fn.ORDER;
  const le = (value: bigint): Uint8Array => {
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
    return out;
  };
  const fromLe = (bytes: Uint8Array): bigint =>
    bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

  /** A signature whose R carries a small-order part: cofactored checks accept it, ours do not. */
  function mixedTorsion(): VerifyRequest {
    const { scalar } = ed25519.utils.getExtendedPublicKey(pair.secretKey);
    const r = 12345n;
    const torsion = ed25519.Point.fromBytes(le(2n ** 255n - 19n - 1n)); // (0, -1), order 2
    const R = ed25519.Point.BASE.multiply(r).add(torsion).toBytes();
    const k = fromLe(sha512(concatBytes(R, pair.publicKey, message))) % order;
    const s = (r + k * scalar) % order;
    return { message, signature: concatBytes(R, le(s)), publicKey: pair.publicKey };
  }

  /** Whether noble decodes the bytes as a point (canonically, as the rule asks). */
  const decodes = (bytes: Uint8Array): boolean => {
    try {
      ed25519.Point.fromBytes(bytes, false);
      return true;
    } catch {
      return false;
    }
  };
  /** A canonical y (below the prime) that is no point of the curve. */
  const offCurve = ((): Uint8Array => {
    for (let y = 2n; ; y++) if (!decodes(le(y))) return le(y);
  })();

  const crafted: [string, VerifyRequest][] = [
    ['a good signature', good],
    ['another message', { ...good, message: utf8ToBytes('other') }],
    [
      'S not reduced',
      {
        ...good,
        signature: concatBytes(
          good.signature.slice(0, 32),
          le(fromLe(good.signature.slice(32)) + order)
        )
      }
    ],
    ['a low-order public key', { ...good, publicKey: le(1n) }],
    ['a public key not on the curve', { ...good, publicKey: new Uint8Array(32).fill(0xff) }],
    ['a canonical public key not on the curve', { ...good, publicKey: offCurve }],
    ['R with a small-order part', mixedTorsion()],
    ['a short signature', { ...good, signature: good.signature.slice(0, 63) }]
  ];

  it('every verifier reaches the same verdict on the same bytes', async () => {
    const js = crafted.map(([, request]) => verifyInJs(request));
    expect(crafted.map(([, request]) => verifyNative(request))).toEqual(js);
    expect(await verifyBatchInJs(crafted.map(([, r]) => r))).toEqual(js);
    expect(await verifyBatch(crafted.map(([, r]) => r))).toEqual(js);
    expect(js).toEqual([true, false, false, false, false, false, false, false]);
    // noble's own (cofactored) check would take the mixed-torsion signature: why the rule exists.
    const torsion = mixedTorsion();
    expect(
      ed25519.verify(torsion.signature, torsion.message, torsion.publicKey, { zip215: false })
    ).toBe(true);
  });

  it('imports a public key for WebCrypto once, not once per batch', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      const signer = ed25519.utils.randomSecretKey();
      const publicKey = ed25519.getPublicKey(signer);
      const idea = (text: string): VerifyRequest => {
        const message = utf8ToBytes(text);
        return { message, signature: ed25519.sign(message, signer), publicKey };
      };
      expect(await verifyBatch([idea('een')])).toEqual([true]);
      expect(await verifyBatch([idea('twee'), idea('drie')])).toEqual([true, true]);
      // A bad signature is still found bad with a kept key.
      expect(await verifyBatch([{ ...idea('vier'), message: utf8ToBytes('vijf') }])).toEqual([
        false
      ]);
      const imports = importKey.mock.calls.filter(
        ([format, data]) =>
          format === 'raw' && (data as Uint8Array).every((byte, i) => byte === publicKey[i])
      );
      expect(imports).toHaveLength(1);
    } finally {
      importKey.mockRestore();
    }
  });

  it('judges public keys: canonical encodings that are not of low order', () => {
    expect(isAcceptableKey(pair.publicKey)).toBe(true);
    expect(isAcceptableKey(le(1n))).toBe(false);
    expect(isAcceptableKey(new Uint8Array(31))).toBe(false);
  });

  it("reads the key rule from the bytes as noble's decompression decides it", () => {
    const withSign = (bytes: Uint8Array): Uint8Array => {
      const out = bytes.slice();
      out[31] = (out[31] ?? 0) ^ 0x80;
      return out;
    };
    const prime = 2n ** 255n - 19n;
    const noble = (bytes: Uint8Array): boolean =>
      decodes(bytes) && !ed25519.Point.fromBytes(bytes, false).isSmallOrder();
    const lowOrder = ED25519_TORSION_SUBGROUP.map((hex) => ed25519.Point.fromHex(hex).toBytes());
    const keys = [
      ...lowOrder,
      ...lowOrder.map(withSign),
      // Non-canonical: y at or above the prime (y = p and p + 1 are 0 and 1, of low order).
      ...[prime, prime + 1n, prime + 5n, 2n ** 255n - 1n].map(le),
      // Points of prime order, and the same with a small-order part (not of low order).
      ...Array.from({ length: 40 }, (_, i) => ed25519.keygen(new Uint8Array(32).fill(i)).publicKey),
      ...lowOrder.map((low, i) =>
        ed25519.Point.fromBytes(low)
          .add(ed25519.Point.BASE.multiply(BigInt(i + 2)))
          .toBytes()
      )
    ];
    for (const key of keys) expect([key, isAcceptableKey(key)]).toEqual([key, noble(key)]);
    // Where the two differ: canonical bytes that are no point at all. Accepted here, and then
    // refused by every verifier (the contract test above).
    expect([isAcceptableKey(offCurve), noble(offCurve)]).toEqual([true, false]);
  });
});
