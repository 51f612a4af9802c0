/*
 * Why the hub closed a connection, as WebSocket close codes both sides know. The hub sends
 * the code with an English reason (for logs and developer tools); a screen shows its own
 * translated sentence for the code. 1009 is the standard "message too big"; the 4xxx codes
 * are Kring's (4000-4999 is the range RFC 6455 leaves to applications).
 */

export const hubCloseCodes = {
  /** A single message was larger than the hub accepts. */
  messageTooBig: 1009,
  /** The room holds as much as a room may; new content is refused, reading still works. */
  roomFull: 4413,
  /** This connection sent more messages (or bytes) per second than allowed. */
  tooManyMessages: 4429,
  /** Too many connections from this device's network address. */
  tooManyConnections: 4430,
  /** The hub has as many rooms open as it may; try again later. */
  hubFull: 4503
} as const;

export type HubRefusal = keyof typeof hubCloseCodes;

/** The reason the hub sends with each code. */
export const hubCloseReasons: Readonly<Record<HubRefusal, string>> = {
  messageTooBig: 'message too big',
  roomFull: 'room full: this room holds as much as a room may',
  tooManyMessages: 'too many messages: slow down',
  tooManyConnections: 'too many connections from this address',
  hubFull: 'hub full: too many rooms are open'
};

/** Which limit a close code reports; undefined for any other close. */
export function hubRefusalOf(code: number): HubRefusal | undefined {
  for (const [refusal, refusalCode] of Object.entries(hubCloseCodes)) {
    if (refusalCode === code) return refusal as HubRefusal;
  }
  return undefined;
}
