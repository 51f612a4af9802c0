import { roomIdentity } from '$lib/access/identity.ts';
import { deriveRoomSecrets, facilitatorIdentity } from '$lib/access/roomKeys.ts';
import { KnownSignatures } from '$lib/access/knownSignatures.ts';
import { verifyBatch } from '$lib/access/signatures.ts';
import type { Locale } from '$lib/domain/locale.ts';
import type { StateMark } from '$lib/domain/stateMark.ts';
import type { SessionData } from '$lib/model/sessionData.ts';
import type { ViewerRole } from '$lib/model/view.ts';
import { devicePresenceId, deviceSecret } from '$lib/storage/deviceIdentity.ts';
import {
  localLoadPatienceMs,
  localOrigin,
  RoomConnection,
  type SyncPaths
} from '$lib/sync/RoomConnection.ts';
import { ownRecords, SessionClient } from '$lib/sync/SessionClient.ts';
import { SessionRecords } from '$lib/sync/SessionRecords.ts';
import { LiveSession } from './LiveSession.svelte.ts';

/**
 * `?paths=relay` or `?paths=peer` limits a screen to one sync path: a diagnostic for the
 * network check, and how the tests prove each path works on its own.
 */
export function syncPathsFrom(url: URL): SyncPaths {
  const paths = url.searchParams.get('paths');
  if (paths === 'relay') return { relay: true, peer: false };
  if (paths === 'peer') return { relay: false, peer: true };
  return { relay: true, peer: true };
}

export interface OpenSessionInput {
  readonly roomKey: string;
  readonly url: URL;
  readonly role: ViewerRole;
  readonly locale: Locale;
  /** Facilitator and projector screens: the session's facilitator key. */
  readonly facilitatorKey?: string | undefined;
  /** A participant's chosen display name. */
  readonly name?: string | undefined;
  /**
   * The laptop's screens keep the room's copy mark with this (storage/copyMarks.ts): any of
   * its tabs may write the copy, and the present screen's first paint is only used when it
   * shows all of it. Phones have no present screen (and their join link another origin than
   * the laptop's screens), so they leave it out and do not load it.
   */
  readonly markCopy?: ((roomId: string, state: StateMark) => void) | undefined;
  /**
   * The facilitate screen's snapshot of the room, when one stands in for the copy
   * (ui/snapshotKeeping.ts): shown until the copy is read and checked.
   */
  readonly seed?: ((roomId: string) => SessionData | undefined) | undefined;
}

/** Connects this screen to a session and wraps it as reactive state. */
export function openSession(input: OpenSessionInput): {
  connection: RoomConnection;
  records: SessionRecords;
  session: LiveSession;
} {
  const secret = deviceSecret();
  const secrets = deriveRoomSecrets(input.roomKey);
  const identity = roomIdentity(secret, secrets.roomId);
  const facilitatorKey = input.role === 'participant' ? undefined : input.facilitatorKey;
  const facilitator = facilitatorKey ? facilitatorIdentity(facilitatorKey) : undefined;
  const connection = new RoomConnection({
    roomKey: input.roomKey,
    origin: input.url.origin,
    paths: syncPathsFrom(input.url),
    stored: input.markCopy && ((state) => input.markCopy?.(secrets.roomId, state)),
    presence: ({ roomId }) => ({
      id: devicePresenceId(roomId),
      role: input.role,
      name: input.name
    }),
    login: {
      roomId: secrets.roomId,
      verifier: secrets.verifier,
      access: secrets.accessKey,
      login: identity.login,
      facilitator
    }
  });
  // Signatures found valid on an earlier visit are not checked again (a phone at 4x CPU:
  // ~0.5 s for a full session).
  const known = new KnownSignatures(connection.localShelf);
  const seed = input.seed?.(secrets.roomId);
  const records = new SessionRecords(connection.doc, {
    seed,
    roomId: secrets.roomId,
    verifier: secrets.verifier,
    verifyBatch: known.wrap(verifyBatch),
    takenAsValid: (requests) => known.keep(requests),
    // Every device writes back a record a modified app overwrote; with the hub present it
    // does that itself, so devices only step in while they are off it (peer-to-peer only).
    repair: () => connection.status.hub !== 'connected',
    ownRecord: ownRecords(identity, facilitator !== undefined && input.role === 'facilitator')
  });
  // The copy, read and checked, takes over from the snapshot: it shows the same. A copy that
  // cannot be read in time does not keep the screen on the snapshot: the hub's data shows.
  if (seed) {
    const patience = new Promise((resolve) => setTimeout(resolve, localLoadPatienceMs));
    void Promise.race([connection.whenLocalLoaded, patience])
      .then(() => records.settled())
      .then(() => records.releaseSeed());
  }
  const client = new SessionClient(connection.doc, records, {
    roomId: secrets.roomId,
    role: input.role,
    locale: input.locale,
    identity,
    facilitator,
    origin: localOrigin
  });
  const session = new LiveSession(connection, records, client, input.locale);
  // `?testHooks` hands the page's own session to scripts on the page (bulk set-up in the
  // end-to-end tests: forty phones' worth of ideas). It grants nothing: the session only
  // makes the changes this person may make, as the screen's own buttons do.
  if (input.url.searchParams.has('testHooks'))
    (globalThis as { kringSession?: LiveSession }).kringSession = session;
  // Ask the browser to keep this device's copy even under storage pressure (secure
  // contexts only; phones on plain http simply don't get the guarantee).
  void navigator.storage?.persist?.().catch(() => false);
  return { connection, records, session };
}
