import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { fetchLoginToken, loginKeysFor } from '../../src/lib/access/hubLogin.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { deriveRoomSecrets, facilitatorIdentity } from '../../src/lib/access/roomKeys.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import type { Command, Decision } from '../../src/lib/model/decide.ts';
import { project, type ViewerRole } from '../../src/lib/model/view.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { SessionClient } from '../../src/lib/sync/SessionClient.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import { verifyNative } from '../../src/hub/sync/nodeVerify.ts';

/*
 * A device in a room as Kring's screens run one, in Node: a HocuspocusProvider that logs in
 * with a fresh challenge on every connect, the session's checked records (SessionRecords)
 * and the rules and signatures (SessionClient) on the same Y.Doc. Every change a test makes
 * through it is what a real phone or laptop would send.
 */

export interface DeviceOptions {
  /** http://host:port of the hub. */
  readonly origin: string;
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly role?: ViewerRole;
  /** The facilitator key, on the facilitator's laptop. */
  readonly facilitatorKey?: string | undefined;
  /** The doc to sync (a phone's copy that already holds something). */
  readonly document?: Y.Doc;
  /** Reconnect quickly (tests) or, when false, not at all after the first close. */
  readonly reconnect?: boolean;
  /** A WebSocket class that watches the wire (the crash test). */
  readonly webSocket?: typeof WebSocket;
}

/** A device's session side: its records and rules on a doc, without any network. */
export interface SessionDevice {
  readonly doc: Y.Doc;
  readonly records: SessionRecords;
  readonly client: SessionClient;
  run(command: Command): Decision;
  /** Runs a command that must be accepted. */
  must(command: Command): void;
}

export interface TestDevice extends SessionDevice {
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  destroy(): void;
}

export const swot: Script = (() => {
  const script = builtinScript('swot');
  if (!script) throw new Error('swot is built in');
  return script;
})();

/** The SWOT's brainstorm step and its first column: where test ideas go. */
export const ideaStep = { stepId: 'swot', column: 'sterktes' } as const;

/** The records and rules of a device on a doc (a phone working offline, or under a provider). */
export function sessionDevice(
  doc: Y.Doc,
  options: Pick<DeviceOptions, 'roomKey' | 'deviceSecret' | 'role' | 'facilitatorKey'>
): SessionDevice {
  const { roomId, verifier } = deriveRoomSecrets(options.roomKey);
  const records = new SessionRecords(doc, { roomId, verifier, verifyNow: verifyNative });
  const client = new SessionClient(doc, records, {
    roomId,
    role: options.role ?? 'participant',
    locale: 'nl',
    identity: roomIdentity(options.deviceSecret, roomId),
    facilitator: options.facilitatorKey ? facilitatorIdentity(options.facilitatorKey) : undefined,
    origin: 'local'
  });
  const run = (command: Command): Decision => client.run(command);
  return {
    doc,
    records,
    client,
    run,
    must(command) {
      const decision = run(command);
      if (!decision.ok) throw new Error(`${command.type} refused (${decision.reason})`);
    }
  };
}

export function openDevice(options: DeviceOptions): TestDevice {
  const doc = options.document ?? new Y.Doc();
  const keys = loginKeysFor(options.roomKey, options.deviceSecret, options.facilitatorKey);
  const socket = new HocuspocusProviderWebsocket({
    // The room id in the path, as the app sends it (a balancer routes by it).
    url: `${options.origin.replace(/^http/, 'ws')}/sync/${keys.roomId}`,
    ...(options.reconnect === false
      ? { maxAttempts: 1 }
      : { delay: 20, minDelay: 20, maxDelay: 100 }),
    ...(options.webSocket ? { WebSocketPolyfill: options.webSocket } : {})
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: keys.roomId,
    token: () => fetchLoginToken(options.origin, keys),
    document: doc
  });
  provider.attach();
  if (options.reconnect === false) socket.on('close', () => void socket.disconnect());
  const device = sessionDevice(doc, options);
  return {
    ...device,
    provider,
    socket,
    destroy() {
      device.client.destroy();
      device.records.destroy();
      provider.destroy();
      socket.destroy();
    }
  };
}

/** Starts the session on the facilitator's device and opens the SWOT's brainstorm. */
export function startSession(
  facilitator: SessionDevice,
  facilitatorKey: string,
  title = 'Test'
): void {
  facilitator.must({
    type: 'start',
    title,
    script: swot,
    facilitatorKey: toBase32(facilitatorIdentity(facilitatorKey).publicKey)
  });
  facilitator.must({ type: 'steer', action: { type: 'goTo', stepId: ideaStep.stepId }, now: 0 });
}

let ideaCounter = 0;

/** Adds an idea through the rules; returns its id. */
export function addIdea(device: SessionDevice, text: string): string {
  const id = `idee-${process.pid}-${++ideaCounter}`;
  device.must({ type: 'addNote', ...ideaStep, id, text, now: Date.now() });
  return id;
}

/** Every idea that counts in the brainstorm, id -> text, as the device's records hold them. */
export function ideasOf(device: Pick<TestDevice, 'client'>): Record<string, string> {
  return Object.fromEntries(
    device.client.view.notesOf(ideaStep.stepId).map((note) => [note.id, note.text])
  );
}

/** Whether the device has the session open at the brainstorm (it may add ideas). */
export function ready(device: TestDevice): boolean {
  return device.provider.isSynced && device.client.view.flow?.stepId === ideaStep.stepId;
}

/** The ideas a doc holds for a room, read as any device reads them (every signature checked). */
export function storedIdeas(doc: Y.Doc, roomKey: string): Record<string, string> {
  const view = project(readSessionData(doc, roomKey), {
    role: 'facilitator',
    locale: 'nl',
    authorOf: () => undefined
  });
  return Object.fromEntries(view.notesOf(ideaStep.stepId).map((note) => [note.id, note.text]));
}
