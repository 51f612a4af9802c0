import { shortId } from '../../../src/lib/domain/ids.ts';
import type { Command } from '../../../src/lib/model/decide.ts';
import type { FlowAction } from '../../../src/lib/model/flow.ts';
import type { SessionView } from '../../../src/lib/model/view.ts';
import type { Step } from '../../../src/lib/scripts/schema.ts';
import type { Prng } from './prng.ts';
import { clockAt, seededBytes, type SessionSetup } from './session.ts';
import type { SimDevice } from './world.ts';

/*
 * What honest people do, one entry each: a command chosen from what the device's own view
 * offers (the step its screen shows, its own ideas, the vote's items, the groups there are),
 * run through `client.run` — the same decide() the screens call, signed with the device's
 * keys and written to its doc by the real SessionClient. Nothing here writes to a doc.
 * Some commands are ones decide() refuses (empty or too long text, a full ballot, another's
 * idea, a locked step as a stale screen still shows it): a refusal must write nothing.
 */

export interface CommandContext {
  readonly device: SimDevice;
  readonly view: SessionView;
  readonly rng: Prng;
  readonly step: number;
  readonly setup: SessionSetup;
}

export interface HonestOperation {
  readonly name: string;
  readonly weight: number;
  readonly who: 'facilitator' | 'participant';
  /** The command this person would give now, or undefined when their screen offers none. */
  choose(context: CommandContext): Command | undefined;
}

/** Texts people type, including what the rules must clean up or refuse. */
export const texts = [
  'Meer fietsenstallingen',
  'Speelplein open in de zomer 🌞',
  'Samen koken met buren',
  'مكان للقاء بعد المدرسة',
  'Cours de danse pour seniors',
  '  spaties rondom  ',
  'regel 1\r\nregel 2\n\n\n\nregel 3',
  'zero\u200bwidth\u0007bell',
  '\u202eevil\u202c',
  '<script>alert(1)</script>',
  '👩‍👩‍👧‍👦 gezinnen',
  'x'.repeat(40),
  'x'.repeat(41),
  '',
  '   ',
  'y'.repeat(281)
];

const titles = ['Werkgroep fuzz', 'Buurtoverleg', '  Avond   met  de buurt ', '', 't'.repeat(121)];
const groupNames = [
  'Vervoer',
  'Ontmoeten',
  '  Samen   koken  ',
  'Veiligheid 🚦',
  '',
  'n'.repeat(61)
];

const brainstorms = (view: SessionView): Step[] =>
  view.script?.steps.filter((step) => step.activity.type === 'brainstorm') ?? [];

/** The step on the device's screen, when it has this activity. */
function current(view: SessionView, type: Step['activity']['type']): Step | undefined {
  return view.step?.activity.type === type ? view.step : undefined;
}

/** A brainstorm a facilitator arranges: the one on screen, or one a group or vote works on. */
function arranged(view: SessionView, rng: Prng): Step | undefined {
  const step = view.step;
  if (step?.activity.type === 'brainstorm' && rng.chance(0.7)) return step;
  if ((step?.activity.type === 'cluster' || step?.activity.type === 'vote') && rng.chance(0.7))
    return view.stepById(step.activity.source);
  return rng.pick(brainstorms(view));
}

const newId = (rng: Prng): string => shortId(seededBytes(rng));

/**
 * A steering command; `fits` says whether the step on screen is one it is for (a facilitator
 * mostly presses what the screen shows; now and then a stale screen offers the rest, refused).
 */
function steer(
  action: (context: CommandContext) => FlowAction | undefined,
  fits: (step: Step) => boolean = () => true
) {
  return (context: CommandContext): Command | undefined => {
    const step = context.view.step;
    if (step && !fits(step) && context.rng.chance(0.85)) return undefined;
    const chosen = action(context);
    return chosen && { type: 'steer', action: chosen, now: clockAt(context.step) };
  };
}

const isType =
  (...types: Step['activity']['type'][]) =>
  (step: Step): boolean =>
    types.includes(step.activity.type);

export const honestOperations: readonly HonestOperation[] = [
  // ---- participants --------------------------------------------------------------------
  {
    name: 'add idea',
    weight: 10,
    who: 'participant',
    choose({ view, rng, step, device }) {
      const on = current(view, 'brainstorm');
      if (!on) return undefined;
      const column = rng.chance(0.03) ? 'nergens' : rng.pick(view.columnsOf(on))?.id;
      if (!column) return undefined;
      return {
        type: 'addNote',
        stepId: on.id,
        id: newId(rng),
        column,
        text: rng.pick(texts) ?? '',
        name: rng.chance(0.5) ? `Naam ${device.index}` : undefined,
        now: clockAt(step)
      };
    }
  },
  {
    name: 'edit own idea',
    weight: 4,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'brainstorm');
      const notes = on ? view.visibleNotes(on) : [];
      // Now and then a note that is not theirs (a stale screen): refused.
      const note = rng.pick(rng.chance(0.9) ? notes.filter((n) => n.mine) : notes);
      return note && { type: 'editNote', noteId: note.id, text: rng.pick(texts) ?? '' };
    }
  },
  {
    name: 'move own idea',
    weight: 3,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'brainstorm');
      const note = on && rng.pick(view.visibleNotes(on).filter((n) => n.mine));
      const column = on && rng.pick(view.columnsOf(on))?.id;
      return note && column ? { type: 'moveNote', noteId: note.id, column } : undefined;
    }
  },
  {
    name: 'take back own idea',
    weight: 2,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'brainstorm');
      const note = on && rng.pick(view.visibleNotes(on).filter((n) => n.mine));
      return note && { type: 'removeNote', noteId: note.id };
    }
  },
  {
    name: 'dot',
    weight: 8,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'vote');
      const item = on && (rng.chance(0.03) ? 'onbekend' : rng.pick(view.voteItemsOf(on))?.id);
      return on && item ? { type: 'addDot', stepId: on.id, itemId: item } : undefined;
    }
  },
  {
    name: 'take dot back',
    weight: 2,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'vote');
      const item = on && rng.pick(Object.keys(view.ballotOf(on)));
      return on && item ? { type: 'removeDot', stepId: on.id, itemId: item } : undefined;
    }
  },
  {
    name: 'pick card',
    weight: 4,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'pick');
      const card = on && rng.pick(view.cardsOf(on))?.id;
      return on && card ? { type: 'togglePick', stepId: on.id, cardId: card } : undefined;
    }
  },
  {
    name: 'answer round',
    weight: 3,
    who: 'participant',
    choose({ view, rng }) {
      const on = current(view, 'round');
      return on && { type: 'setAnswer', stepId: on.id, text: rng.pick(texts) ?? '' };
    }
  },

  // ---- facilitators --------------------------------------------------------------------
  {
    name: 'open the session page',
    weight: 1,
    who: 'facilitator',
    choose({ view, setup }) {
      // The facilitate page starts the session on opening; with one there, decide refuses.
      if (view.data.session && view.flow) return undefined;
      return {
        type: 'start',
        title: setup.title,
        script: setup.script,
        facilitatorKey: setup.facilitatorPublic
      };
    }
  },
  {
    name: 'next step',
    weight: 3,
    who: 'facilitator',
    choose: steer(() => ({ type: 'next' }))
  },
  {
    name: 'previous step',
    weight: 1,
    who: 'facilitator',
    choose: steer(() => ({ type: 'previous' }))
  },
  {
    name: 'go to step',
    weight: 3,
    who: 'facilitator',
    choose: steer(({ view, rng }) => {
      // Facilitators jump back to votes more than anywhere else (a second round, a recount).
      const steps = view.script?.steps ?? [];
      const votes = steps.filter((s) => s.activity.type === 'vote');
      const step = rng.pick(rng.chance(0.5) ? votes : steps);
      return step && { type: 'goTo', stepId: step.id };
    })
  },
  {
    name: 'reveal',
    weight: 1,
    who: 'facilitator',
    choose: steer(() => ({ type: 'reveal' }), isType('brainstorm'))
  },
  {
    name: 'open vote',
    weight: 8,
    who: 'facilitator',
    choose: steer(() => ({ type: 'openVote' }), isType('vote'))
  },
  {
    name: 'close vote',
    weight: 1,
    who: 'facilitator',
    choose: steer(() => ({ type: 'closeVote' }), isType('vote'))
  },
  {
    name: 'lock',
    weight: 1,
    who: 'facilitator',
    choose: steer(() => ({ type: 'lock' }), isType('brainstorm', 'vote', 'pick', 'round'))
  },
  {
    name: 'unlock',
    weight: 0.6,
    who: 'facilitator',
    choose: steer(() => ({ type: 'unlock' }), isType('brainstorm', 'vote', 'pick', 'round'))
  },
  {
    name: 'timer',
    weight: 0.5,
    who: 'facilitator',
    choose: steer(({ rng }) => ({
      type: rng.pick(['startTimer', 'pauseTimer', 'addMinute'] as const) ?? 'startTimer'
    }))
  },
  {
    name: 'spotlight',
    weight: 0.4,
    who: 'facilitator',
    choose: steer(({ view, rng }) => {
      const step = arranged(view, rng);
      const note = step && rng.pick(view.notesOf(step.id));
      return { type: 'spotlight', noteId: note?.id ?? null };
    })
  },
  {
    name: 'type in an idea',
    weight: 2,
    who: 'facilitator',
    choose({ view, rng, step }) {
      const on = arranged(view, rng);
      const column = on && rng.pick(view.columnsOf(on))?.id;
      if (!on || !column) return undefined;
      const text = rng.pick(texts) ?? '';
      return { type: 'addNote', stepId: on.id, id: newId(rng), column, text, now: clockAt(step) };
    }
  },
  {
    name: 'edit a typed-in idea',
    weight: 1,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const notes = on ? view.notesOf(on.id) : [];
      const note = rng.pick(rng.chance(0.85) ? notes.filter((n) => n.byFacilitator) : notes);
      return note && { type: 'editNote', noteId: note.id, text: rng.pick(texts) ?? '' };
    }
  },
  {
    name: 'move an idea',
    weight: 3,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const note = on && rng.pick(view.notesOf(on.id));
      const column = on && rng.pick(view.columnsOf(on))?.id;
      if (!note || !column) return undefined;
      const position = rng.chance(0.5) ? rng.int(0, 20) + rng.next() : undefined;
      return { type: 'moveNote', noteId: note.id, column, position };
    }
  },
  {
    name: 'remove an idea',
    weight: 0.8,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const note = on && rng.pick(view.notesOf(on.id));
      return note && { type: 'removeNote', noteId: note.id };
    }
  },
  {
    name: 'make a group',
    weight: 2,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      if (!on) return undefined;
      const column = rng.chance(0.5) ? rng.pick(view.columnsOf(on))?.id : undefined;
      const name = rng.pick(groupNames) ?? '';
      return { type: 'createCluster', stepId: on.id, id: newId(rng), name, column };
    }
  },
  {
    name: 'rename a group',
    weight: 0.7,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const group = on && rng.pick(view.clustersOf(on.id));
      const name = rng.pick(groupNames) ?? '';
      return group && { type: 'renameCluster', clusterId: group.id, name };
    }
  },
  {
    name: 'remove a group',
    weight: 0.5,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const group = on && rng.pick(view.clustersOf(on.id));
      return group && { type: 'removeCluster', clusterId: group.id };
    }
  },
  {
    name: 'put an idea in a group',
    weight: 3,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = arranged(view, rng);
      const note = on && rng.pick(view.notesOf(on.id));
      if (!on || !note) return undefined;
      const groups = view.clustersOf(on.id);
      // Mostly a group of the idea's column; now and then another (refused) or none.
      const fitting = groups.filter((g) => g.column === undefined || g.column === note.column);
      const group = rng.chance(0.15)
        ? null
        : (rng.pick(rng.chance(0.9) ? fitting : groups) ?? null);
      return { type: 'assignCluster', noteId: note.id, clusterId: group?.id ?? null };
    }
  },
  {
    name: 'record an agreement',
    weight: 1.5,
    who: 'facilitator',
    choose({ view, rng }) {
      const on = view.script?.steps.find((s) => s.activity.type === 'actions');
      if (!on) return undefined;
      return {
        type: 'addAction',
        stepId: on.id,
        id: newId(rng),
        what: rng.pick(texts) ?? '',
        who: rng.pick(['Fatima', 'de buurtregisseur', '', 'w'.repeat(81)]) ?? '',
        when: rng.pick(['voor de zomer', '15 maart', '']) ?? ''
      };
    }
  },
  {
    name: 'remove an agreement',
    weight: 0.4,
    who: 'facilitator',
    choose({ view, rng }) {
      const action = rng.pick(view.actionsOf());
      return action && { type: 'removeAction', actionId: action.id };
    }
  },
  {
    name: 'rename the session',
    weight: 0.4,
    who: 'facilitator',
    choose({ rng }) {
      return { type: 'rename', title: rng.pick(titles) ?? '' };
    }
  }
];

/** Describes a command for the trace. */
export function describeCommand(command: Command): string {
  const short = (text: string): string =>
    JSON.stringify(text.length > 24 ? `${text.slice(0, 21)}…` : text);
  switch (command.type) {
    case 'addNote':
      return `addNote ${command.stepId}/${command.column} ${command.id} ${short(command.text)}${command.name ? ` as ${command.name}` : ''}`;
    case 'editNote':
      return `editNote ${command.noteId} ${short(command.text)}`;
    case 'moveNote':
      return `moveNote ${command.noteId} → ${command.column}${command.position === undefined ? '' : `@${command.position.toFixed(2)}`}`;
    case 'removeNote':
      return `removeNote ${command.noteId}`;
    case 'addDot':
    case 'removeDot':
      return `${command.type} ${command.stepId} ${command.itemId}`;
    case 'togglePick':
      return `togglePick ${command.stepId} ${command.cardId}`;
    case 'setAnswer':
      return `setAnswer ${command.stepId} ${short(command.text)}`;
    case 'steer':
      return `steer ${command.action.type}${'stepId' in command.action ? ` ${command.action.stepId}` : ''}`;
    case 'createCluster':
      return `createCluster ${command.stepId}${command.column ? `/${command.column}` : ''} ${command.id} ${short(command.name)}`;
    case 'renameCluster':
      return `renameCluster ${command.clusterId} ${short(command.name)}`;
    case 'removeCluster':
      return `removeCluster ${command.clusterId}`;
    case 'assignCluster':
      return `assignCluster ${command.noteId} → ${command.clusterId ?? 'none'}`;
    case 'addAction':
      return `addAction ${command.id} ${short(command.what)}`;
    case 'removeAction':
      return `removeAction ${command.actionId}`;
    case 'start':
      return `start ${short(command.title)}`;
    case 'rename':
      return `rename ${short(command.title)}`;
    case 'carry':
      return `carry ${command.items.map((item) => `${item.stepId}/${item.id}`).join(' ')}`;
    case 'reviewAgreement':
      return `reviewAgreement ${command.stepId}/${command.itemId} ${command.status}`;
  }
}
