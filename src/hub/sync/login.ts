import { verifyLoginToken, type VerifiedLogin } from '../../lib/access/hubLogin.ts';
import type { Challenges } from './challenges.ts';
import { verifyNative } from './nodeVerify.ts';

/** What the hub knows about an admitted connection. */
export type ConnectionRole = VerifiedLogin;

/**
 * Admits a connection to a room: a login token (access/hubLogin.ts) for a challenge this hub
 * issued for the room and that was not used before. Undefined means refused.
 */
export function admit(
  token: unknown,
  roomId: unknown,
  challenges: Challenges
): ConnectionRole | undefined {
  if (typeof roomId !== 'string') return undefined;
  const login = verifyLoginToken(token, roomId, verifyNative);
  if (!login || !challenges.consume(login.challenge, roomId)) return undefined;
  return login;
}
