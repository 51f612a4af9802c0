import type { Locale } from '$lib/domain/locale.ts';
import { deviceAuthor, deviceSecret } from '$lib/storage/deviceIdentity.ts';
import { facilitatorCredentials, participantCredentials } from '$lib/sync/hubCredentials.ts';
import { facilitatorIdentity } from '$lib/sync/roomAccess.ts';
import { RoomConnection, type SyncPaths } from '$lib/sync/RoomConnection.ts';
import { LiveSession, type ViewerRole } from './LiveSession.svelte.ts';

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
}

/** Connects this screen to a session and wraps it as reactive state. */
export function openSession(input: OpenSessionInput): {
  connection: RoomConnection;
  session: LiveSession;
} {
  const secret = deviceSecret();
  const author = deviceAuthor();
  const facilitatorKey = input.role === 'participant' ? undefined : input.facilitatorKey;
  const connection = new RoomConnection({
    roomKey: input.roomKey,
    origin: input.url.origin,
    paths: syncPathsFrom(input.url),
    presence: { device: author, role: input.role, name: input.name },
    credentials: (secrets) =>
      facilitatorKey
        ? facilitatorCredentials(
            secrets.hubToken,
            secrets.roomId,
            secret,
            facilitatorKey,
            Date.now()
          )
        : participantCredentials(secrets.hubToken, secret)
  });
  const session = new LiveSession(connection, {
    role: input.role,
    author,
    locale: input.locale,
    identity: facilitatorKey ? facilitatorIdentity(facilitatorKey) : undefined
  });
  // `?testHooks` hands the page's own session to scripts on the page (bulk set-up in the
  // end-to-end tests: forty phones' worth of ideas). It grants nothing: the session only
  // makes the changes this person may make, as the screen's own buttons do.
  if (input.url.searchParams.has('testHooks'))
    (globalThis as { kringSession?: LiveSession }).kringSession = session;
  // Ask the browser to keep this device's copy even under storage pressure (secure
  // contexts only; phones on plain http simply don't get the guarantee).
  void navigator.storage?.persist?.().catch(() => false);
  return { connection, session };
}
