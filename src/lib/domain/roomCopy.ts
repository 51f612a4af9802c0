/**
 * The IndexedDB database that holds this device's copy of a room's doc (y-indexeddb), beside
 * the signatures it found valid in it (access/knownSignatures.ts). Named by room, so every
 * screen and window of the device shares one copy.
 */
export function roomCopyName(roomId: string): string {
  return `kring-room-${roomId}`;
}
