import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase32 } from '../domain/ids.ts';

/**
 * How a device shows up in a room's presence (participant count, network check): stable for
 * this device in this room, so a reload counts once, and derived apart from every key the
 * device signs with, so presence links to no idea, ballot or answer.
 */
export function presenceId(deviceSecret: string, roomId: string): string {
  return toBase32(sha256(utf8ToBytes(`kring/presence/v1|${deviceSecret}|${roomId}`))).slice(0, 16);
}
