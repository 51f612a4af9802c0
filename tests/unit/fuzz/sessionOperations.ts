import * as Y from 'yjs';
import { canArrange } from '../../../src/lib/domain/board.ts';
import { maxClusterNameLength, voteItems } from '../../../src/lib/domain/clusters.ts';
import {
  acceptsInput,
  applyFlow,
  currentStep,
  initialFlow,
  type FlowAction,
  type FlowState
} from '../../../src/lib/model/flow.ts';
import { toBase32 } from '../../../src/lib/domain/ids.ts';
import { togglePick, validPicks } from '../../../src/lib/domain/picks.ts';
import { checkAnswer } from '../../../src/lib/domain/rounds.ts';
import { characterCount } from '../../../src/lib/domain/text.ts';
import { addDot, removeDot, validBallot } from '../../../src/lib/domain/votes.ts';
import { cardsOf } from '../../../src/lib/scripts/cards.ts';
import type { Script, Step } from '../../../src/lib/scripts/schema.ts';
import { readNotes } from '../../../src/lib/sync/boardDoc.ts';
import { canonicalJson } from '../../../src/lib/domain/canonicalJson.ts';
import { signFlow, type SignedFlow } from '../../../src/lib/access/flowSigning.ts';
import {
  deleteCluster,
  flowKey,
  initSession,
  readClusters,
  readPersonal,
  readScript,
  signedFlowKey,
  writeCluster,
  writeFlow,
  writePersonal,
  type PersonalRoot
} from '../../../src/lib/sync/sessionDoc.ts';
import { itemOf, stateVector, type EntryRoot } from './model.ts';
import {
  newNoteId,
  patch,
  short,
  texts,
  type BoardOperation,
  type OperationContext
} from './operations.ts';
import { seededBytes, type SessionSetup } from './session.ts';
import { fromDevice, updateMessage, type SimDevice } from './world.ts';

/*
 * What people do in a guided session, one entry each, through the same binding
 * (sessionDoc.ts) and domain rules LiveSession uses, on each device's own view of the session
 * (the script in its doc, the flow its screen follows):
 *   - a facilitator's device opens the session and steers it (applyFlow, then signFlow with the
 *     room's facilitator key and writeFlow), and makes, renames and removes clusters and puts
 *     notes in them;
 *   - participants put dots on and take them back (addDot/removeDot within validBallot), pick
 *     cards (togglePick) and answer rounds (checkAnswer), on the step their screen shows and
 *     only while it accepts input;
 *   - a hostile participant's modified app writes flow states: unsigned, signed with another
 *     key, tampered, or an older signed state replayed under a newer key.
 * Everything written is recorded in the model for the oracle.
 */

/** The session as a device's screen has it: its script and the flow it follows. */
interface View {
  readonly setup: SessionSetup;
  readonly script: Script;
  readonly flow: FlowState;
  readonly step: Step;
}

function viewOf(context: OperationContext): View | undefined {
  const setup = context.world.options.session;
  const script = readScript(context.device.doc);
  const flow = context.device.flow.current;
  if (!setup || !script || !flow) return undefined;
  return { setup, script, flow, step: currentStep(script, flow) };
}

/** A facilitator's clock: one second per case step, so timers are seeded too. */
const clockAt = (step: number): number => 1_700_000_000_000 + step * 1000;

function recordSigned(context: OperationContext, signed: SignedFlow): void {
  const { device, model, step } = context;
  const key = signedFlowKey(signed);
  const item = itemOf(device.doc.getMap('flow'), key);
  if (!item) throw new Error('writeFlow wrote nothing');
  model.signed.push({
    state: signed.state,
    canonical: canonicalJson(signed.state),
    key,
    item,
    device: device.index,
    step
  });
}

/** LiveSession.#writeFlow: signed with the facilitator key, written in one local transaction. */
function writeSigned(context: OperationContext, setup: SessionSetup, state: FlowState): void {
  const signed = signFlow(state, setup.roomId, setup.identity.secretKey);
  context.device.doc.transact(() => writeFlow(context.device.doc, signed), fromDevice);
  recordSigned(context, signed);
}

const describeFlow = (flow: FlowState): string => `seq ${flow.seq} at ${flow.stepId}`;

/** LiveSession.steer: the facilitator's next state, written only when it changes something. */
function steer(
  context: OperationContext,
  action: (view: View) => FlowAction | undefined
): string | undefined {
  const view = viewOf(context);
  if (!view) return undefined;
  const chosen = action(view);
  if (!chosen) return undefined;
  const next = applyFlow(view.script, view.flow, chosen, clockAt(context.step));
  if (next === view.flow) return undefined;
  writeSigned(context, view.setup, next);
  const detail = 'stepId' in chosen ? ` ${chosen.stepId}` : '';
  return `steers ${chosen.type}${detail}: ${describeFlow(next)}`;
}

/** A steering operation for facilitators' devices. */
function steering(
  name: string,
  weight: number,
  action: (view: View, context: OperationContext) => FlowAction | undefined
): BoardOperation {
  return {
    name,
    weight,
    who: 'facilitator',
    run: (context) => steer(context, (view) => action(view, context))
  };
}

/** The brainstorm the cluster and vote steps work on. */
const clusteredStep = 'brainstorm';

/** Names a facilitator types for a cluster, including what createCluster must refuse. */
const clusterNames = [
  'Vervoer',
  'Ontmoeten',
  '  Samen   koken  ',
  'Veiligheid 🚦',
  '<i>nieuw</i>',
  'مكان',
  '',
  '   ',
  'n'.repeat(maxClusterNameLength),
  'n'.repeat(maxClusterNameLength + 1)
];

/** LiveSession's clean-up and check of a cluster name. */
function clusterName(raw: string): string | undefined {
  const clean = raw.replace(/\s+/g, ' ').trim();
  return clean && characterCount(clean) <= maxClusterNameLength ? clean : undefined;
}

function recordEntry(
  context: OperationContext,
  root: EntryRoot,
  key: string,
  value: unknown,
  seen: ReadonlyMap<number, number>
): void {
  const { device, model, step } = context;
  const item = itemOf(device.doc.getMap(root), key);
  if (!item) throw new Error(`nothing written to ${root}/${key}`);
  model.entryWrites.push({ root, key, value, item, seen, device: device.index, step });
}

/** LiveSession.#writePersonal: the person's own entry for the step, in one local transaction. */
function writeOwn(context: OperationContext, root: PersonalRoot, step: Step, value: unknown): void {
  const { device } = context;
  const seen = stateVector(device.doc);
  device.doc.transact(
    () => writePersonal(device.doc, root, step.id, device.token, value),
    fromDevice
  );
  recordEntry(context, root, `${step.id}/${device.token}`, value, seen);
}

/** The view when the step on screen has this activity and takes input (as LiveSession checks). */
function inputStep(context: OperationContext, type: Step['activity']['type']): View | undefined {
  const view = viewOf(context);
  if (!view || view.step.activity.type !== type || !acceptsInput(view.flow, view.step)) return;
  return view;
}

function ballotView(context: OperationContext) {
  const view = inputStep(context, 'vote');
  if (!view || view.step.activity.type !== 'vote') return undefined;
  const { doc, token } = context.device;
  const rules = view.step.activity;
  const items = voteItems(readNotes(doc).values(), readClusters(doc), rules.source).map(
    (item) => item.id
  );
  const ballot = validBallot(readPersonal(doc, 'ballots', view.step.id).get(token), rules, items);
  return { view, rules, items, ballot };
}

/** Flow states a hostile device has seen signed, newest last (what it can replay). */
function storedStates(device: SimDevice): SignedFlow[] {
  const states: SignedFlow[] = [];
  device.doc.getMap<unknown>('flow').forEach((value) => {
    const { state, signature } = (value ?? {}) as Partial<SignedFlow>;
    if (state && typeof state.seq === 'number' && typeof signature === 'string') {
      states.push({ state, signature });
    }
  });
  return states.sort((a, b) => a.state.seq - b.state.seq);
}

/** A flow a hostile app would like everyone to follow: ahead of its own, somewhere else. */
function aheadOf(view: View, context: OperationContext): FlowState {
  const { rng } = context;
  const target = rng.pick(view.script.steps) ?? view.step;
  const moved = applyFlow(view.script, view.flow, { type: 'goTo', stepId: target.id }, 0);
  const unlocked = { ...moved, locked: [], votes: { [target.id]: 'open' as const } };
  return { ...unlocked, seq: view.flow.seq + (rng.chance(0.7) ? 1 : rng.int(2, 30)) };
}

export const sessionOperations: readonly BoardOperation[] = [
  {
    name: 'open session',
    weight: 1,
    who: 'facilitator',
    run(context) {
      // LiveSession.start, as the facilitate page calls it on opening: the session's title,
      // script and key once, and the first flow when this device follows none yet.
      const setup = context.world.options.session;
      const { device } = context;
      if (!setup || device.flow.current) return undefined;
      initSession(device.doc, setup.title, setup.script, toBase32(setup.identity.publicKey));
      const script = readScript(device.doc);
      if (device.flow.current || !script) return 'opens the session (continues it)';
      writeSigned(context, setup, initialFlow(script));
      return `opens the session: ${describeFlow(initialFlow(script))}`;
    }
  },
  steering('next step', 3, () => ({ type: 'next' })),
  steering('previous step', 1, () => ({ type: 'previous' })),
  steering('go to step', 3, (view, { rng }) => {
    // Facilitators jump back to votes more than anywhere else (a second round, a recount).
    const votes = view.script.steps.filter((s) => s.activity.type === 'vote');
    const step = rng.pick(rng.chance(0.5) ? votes : view.script.steps);
    return step && { type: 'goTo', stepId: step.id };
  }),
  steering('reveal', 1, () => ({ type: 'reveal' })),
  steering('open vote', 4, () => ({ type: 'openVote' })),
  steering('close vote', 1, () => ({ type: 'closeVote' })),
  steering('lock', 0.6, () => ({ type: 'lock' })),
  steering('unlock', 0.8, () => ({ type: 'unlock' })),
  steering('timer', 0.5, (_view, { rng }) => ({
    type: rng.pick(['startTimer', 'pauseTimer', 'addMinute'] as const) ?? 'startTimer'
  })),
  {
    name: 'create cluster',
    weight: 2,
    who: 'facilitator',
    run(context) {
      const { device, rng } = context;
      if (!viewOf(context)) return undefined;
      const raw = rng.pick(clusterNames) ?? '';
      const name = clusterName(raw);
      if (!name) return `cluster refused ${short(raw)}`;
      const own = readClusters(device.doc).filter((c) => c.stepId === clusteredStep);
      const position = Math.max(0, ...own.map((c) => c.position)) + 1;
      const id = newNoteId(rng);
      const value = { stepId: clusteredStep, name, position };
      const seen = stateVector(device.doc);
      device.doc.transact(() => writeCluster(device.doc, { id, ...value }), fromDevice);
      recordEntry(context, 'clusters', id, value, seen);
      return `creates cluster ${id} ${short(name)}`;
    }
  },
  {
    name: 'rename cluster',
    weight: 1,
    who: 'facilitator',
    run(context) {
      const { device, rng } = context;
      const cluster = rng.pick(readClusters(device.doc));
      if (!cluster || !viewOf(context)) return undefined;
      const name = clusterName(rng.pick(clusterNames) ?? '');
      if (!name) return `rename of ${cluster.id} refused`;
      const { id, ...rest } = { ...cluster, name };
      const seen = stateVector(device.doc);
      device.doc.transact(() => writeCluster(device.doc, { id, ...rest }), fromDevice);
      recordEntry(context, 'clusters', id, rest, seen);
      return `renames cluster ${id} ${short(name)}`;
    }
  },
  {
    name: 'remove cluster',
    weight: 0.7,
    who: 'facilitator',
    run(context) {
      const { device, model, rng, step } = context;
      const cluster = rng.pick(readClusters(device.doc));
      if (!cluster || !viewOf(context)) return undefined;
      const target = itemOf(device.doc.getMap('clusters'), cluster.id);
      if (!target) return undefined;
      // LiveSession.removeCluster: its notes leave it, then it goes, in one transaction.
      const members = [...readNotes(device.doc).values()].filter((n) => n.cluster === cluster.id);
      device.doc.transact(() => {
        for (const note of members) patch(context, note, { cluster: null });
        deleteCluster(device.doc, cluster.id);
      }, fromDevice);
      model.entryDeletes.push({
        root: 'clusters',
        key: cluster.id,
        target,
        device: device.index,
        step
      });
      return `removes cluster ${cluster.id} (${members.length} notes leave it)`;
    }
  },
  {
    name: 'assign to cluster',
    weight: 3,
    who: 'facilitator',
    run(context) {
      const { device, rng } = context;
      if (!viewOf(context)) return undefined;
      const actor = { token: device.token, facilitator: device.facilitator };
      const note = rng.pick(
        [...readNotes(device.doc).values()].filter(
          (n) => n.step === clusteredStep && canArrange(n, actor)
        )
      );
      if (!note) return undefined;
      const clusters = readClusters(device.doc).filter((c) => c.stepId === clusteredStep);
      const cluster = rng.chance(0.2) ? null : (rng.pick(clusters)?.id ?? null);
      patch(context, note, { cluster });
      return `puts ${note.id} in ${cluster ?? 'no cluster'}`;
    }
  },
  {
    name: 'add dot',
    weight: 8,
    who: 'participant',
    run(context) {
      const vote = ballotView(context);
      const item = vote && context.rng.pick(vote.items);
      if (!vote || !item) return undefined;
      const result = addDot(vote.ballot, item, vote.rules, vote.items);
      if (!result.ok) return `dot on ${item} refused (${result.reason})`;
      writeOwn(context, 'ballots', vote.view.step, result.ballot);
      return `dot on ${item} in ${vote.view.step.id}: ${JSON.stringify(result.ballot)}`;
    }
  },
  {
    name: 'take dot back',
    weight: 2,
    who: 'participant',
    run(context) {
      const vote = ballotView(context);
      const item = vote && context.rng.pick(Object.keys(vote.ballot));
      if (!vote || !item) return undefined;
      const ballot = removeDot(vote.ballot, item);
      writeOwn(context, 'ballots', vote.view.step, ballot);
      return `takes a dot off ${item} in ${vote.view.step.id}: ${JSON.stringify(ballot)}`;
    }
  },
  {
    name: 'pick card',
    weight: 4,
    who: 'participant',
    run(context) {
      const view = inputStep(context, 'pick');
      if (!view || view.step.activity.type !== 'pick') return undefined;
      const { max } = view.step.activity;
      const cards = cardsOf(view.step.activity.cards).map((card) => card.id);
      const raw = readPersonal(context.device.doc, 'picks', view.step.id).get(context.device.token);
      const card = context.rng.pick(cards);
      if (!card) return undefined;
      const result = togglePick(validPicks(raw, cards, max), card, max);
      if (!result.ok) return `pick of ${card} refused (${result.reason})`;
      writeOwn(context, 'picks', view.step, result.picked);
      return `picks ${JSON.stringify(result.picked)}`;
    }
  },
  {
    name: 'answer round',
    weight: 3,
    who: 'participant',
    run(context) {
      const view = inputStep(context, 'round');
      if (!view || view.step.activity.type !== 'round') return undefined;
      const raw = context.rng.pick(texts) ?? '';
      const check = checkAnswer(raw, view.step.activity.maxLength);
      if (!check.ok) return `answer refused (${check.error}) ${short(raw)}`;
      writeOwn(context, 'answers', view.step, check.answer);
      return `answers ${short(check.answer)}`;
    }
  },
  {
    name: 'forge flow',
    weight: 3,
    who: 'hostile',
    run(context) {
      const view = viewOf(context);
      if (!view) return undefined;
      const { device, model, rng, step } = context;
      const ahead = aheadOf(view, context);
      const valid = storedStates(device).at(-1);
      const kind = rng.pick(['unsigned', 'garbage', 'impostor', 'tampered'] as const);
      let forged: unknown;
      if (kind === 'unsigned') {
        forged = { state: ahead, signature: toBase32(seededBytes(rng)(64)) };
      } else if (kind === 'garbage') {
        forged = { state: ahead, signature: rng.pick(['', 'x', '🙂']) };
      } else if (kind === 'impostor') {
        forged = signFlow(ahead, view.setup.roomId, view.setup.impostor.secretKey);
      } else if (valid) {
        forged = { state: { ...valid.state, stepId: ahead.stepId }, signature: valid.signature };
      }
      if (!forged || !kind) return undefined;
      // Through the app's own writeFlow, as a modified app would; its doc passes it on to
      // peers and the hub like anything else.
      device.doc.transact(() => writeFlow(device.doc, forged as SignedFlow), fromDevice);
      const key = signedFlowKey(forged as SignedFlow);
      model.forgeries.push({ kind, key, device: device.index, step });
      return `forges a flow state (${kind}) under ${key}: ${describeFlow(ahead)}`;
    }
  },
  {
    name: 'replay flow',
    weight: 1,
    who: 'hostile',
    run(context) {
      const view = viewOf(context);
      if (!view) return undefined;
      const { device, model, rng, step } = context;
      const older = rng.pick(storedStates(device).filter((s) => s.state.seq < view.flow.seq));
      if (!older) return undefined;
      device.doc.transact(() => writeFlow(device.doc, older), fromDevice);
      const key = signedFlowKey(older);
      model.forgeries.push({ kind: 'replay', key, device: device.index, step });
      return `replays ${describeFlow(older.state)} under its own key`;
    }
  },
  {
    name: 'replay flow to the hub',
    weight: 2,
    who: 'hostile',
    run(context) {
      const view = viewOf(context);
      const { device, model, rng, step, world } = context;
      const relay = world.links.get(`r${device.index}`);
      if (!view || !relay?.open) return undefined;
      const stored = storedStates(device);
      const older = rng.pick(stored.filter((s) => s.state.seq < view.flow.seq));
      const newest = stored.at(-1);
      if (!older || !newest) return undefined;
      // An older state signed by the facilitator, in place of the newest one (the key a device
      // that opens the session reads first), or under the next number. Sent to the hub only:
      // between peers nothing can stop a modified app from replacing any entry (see
      // docs/SECURITY.md), while the hub must refuse it.
      const key = rng.chance(0.6) ? signedFlowKey(newest) : flowKey(view.flow.seq + 1);
      const update = craftedUpdate(device, rng.uint32(), (doc) =>
        doc.getMap('flow').set(key, older)
      );
      device.unacked += 1;
      world.send(relay, device.index, updateMessage(update));
      model.forgeries.push({ kind: 'replay to the hub', key, device: device.index, step });
      return `sends the hub ${describeFlow(older.state)} under ${key}`;
    }
  }
];

/** The update a change makes on a copy of the device's doc; the device's own doc keeps none of it. */
function craftedUpdate(device: SimDevice, clientId: number, change: (doc: Y.Doc) => void) {
  const copy = new Y.Doc();
  copy.clientID = clientId;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(device.doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  change(copy);
  copy.destroy();
  return Y.mergeUpdates(updates);
}

/** Whether a device may run an operation. */
export function mayRun(operation: BoardOperation, device: SimDevice, setup: SessionSetup): boolean {
  switch (operation.who ?? 'anyone') {
    case 'anyone':
      return true;
    case 'facilitator':
      return device.facilitator;
    case 'participant':
      return !device.facilitator;
    case 'hostile':
      return device.index === setup.hostile;
  }
}
