/** Every key and channel Kring keeps in Redis, in one place (all under `kring:`). */
export const redisKeys = {
  /** Which hub (incarnation) holds a room: `<hub id>/<incarnation>`, with a TTL. */
  lease: (room: string) => `kring:lease:${room}`,
  /** A hub incarnation is alive while this key exists (TTL renewed with its leases). */
  hubAlive: (incarnation: string) => `kring:hub:${incarnation}`,
  /** Where a hub hears requests to hand over a room it holds. */
  handover: (hubId: string) => `kring:handover:${hubId}`,
  /** A short code's room key: `<room id> <room key>`, with a TTL. */
  code: (code: string) => `kring:code:${code}`,
  /** A room's live short code, with the same TTL. */
  codeOf: (room: string) => `kring:code-of:${room}`,
  /** Failed code look-ups of an address in the current minute. */
  guesses: (address: string) => `kring:guesses:${address}`,
  /** Open WebSockets of an address, per hub incarnation (a hash). */
  connections: (address: string) => `kring:connections:${address}`
} as const;
