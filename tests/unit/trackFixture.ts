import { sessionSnapshot } from '../../src/lib/export/snapshot.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import {
  carryCandidates,
  carryInputs,
  defaultSelection,
  placeCarry,
  type CarrySource,
  type PlacedCarry
} from '../../src/lib/tracks/carry.ts';
import type { TrackReportSession } from '../../src/lib/tracks/trackReport.ts';
import { newRoom, type Room } from './sessionHarness.ts';

/*
 * A restart track run through the real session model: werf 1 to 4, two phones each, every
 * later werf started with what the earlier ones carried, as the facilitate screen does it.
 */

export const words = reportWords('nl');
const day = (n: number): number => Date.UTC(2025, 2, n, 10);

export interface FixtureSession {
  readonly id: string;
  readonly scriptId: string;
  readonly title: string;
  readonly createdAt: number;
  readonly room: Room;
  readonly carry: readonly PlacedCarry[];
}

export function script(id: string): Script {
  const found = builtinScript(id);
  if (!found) throw new Error(`no script ${id}`);
  return found;
}

/** The session as carrying and the track report read it (anonymised, text only). */
export function readSession(session: FixtureSession): CarrySource & TrackReportSession {
  const view = session.room.facilitator.client.view;
  return {
    id: session.id,
    sessionId: session.id,
    scriptId: session.scriptId,
    snapshot: sessionSnapshot(
      view,
      { title: session.title, createdAt: session.createdAt, locale: 'nl' },
      { anonymise: true }
    ),
    agreements: view.actionsOf()
  };
}

/** Starts a session of the track with everything the script has a place for carried in. */
export function startFromTrack(
  id: string,
  scriptId: string,
  title: string,
  createdAt: number,
  earlier: readonly FixtureSession[]
): FixtureSession {
  const target = script(scriptId);
  const candidates = earlier.flatMap((s) => carryCandidates(readSession(s), words));
  const carry = placeCarry(target, candidates, defaultSelection(target, candidates));
  const room = newRoom(target, { title });
  if (carry.length > 0)
    room.facilitator.must({ type: 'carry', items: carryInputs(carry), now: createdAt });
  return { id, scriptId, title, createdAt, room, carry };
}

function answer(room: Room, stepId: string, texts: readonly string[]): void {
  room.goTo(stepId);
  texts.forEach((text, i) => room.person(`p${i}`).must({ type: 'setAnswer', stepId, text }));
}

function ideas(room: Room, stepId: string, items: readonly (readonly [string, string])[]): void {
  room.goTo(stepId);
  items.forEach(([column, text], i) =>
    room.person(`p${i % 2}`).must({
      type: 'addNote',
      stepId,
      id: `i${stepId.length}${i}`,
      column,
      text,
      now: day(1)
    })
  );
}

function vote(room: Room, stepId: string, itemIds: readonly string[]): void {
  room.goTo(stepId);
  room.steer({ type: 'openVote' });
  itemIds.forEach((itemId, i) => room.person(`p${i % 2}`).must({ type: 'addDot', stepId, itemId }));
  room.steer({ type: 'closeVote' });
}

function agree(room: Room, id: string, what: string, who: string, when: string): void {
  room.goTo('afspraken');
  room.facilitator.must({ type: 'addAction', stepId: 'afspraken', id, what, who, when });
}

/** Werf 1 and 2 as run; werf 3 and 4 started from the track (their content added after). */
export function restartTrack(): FixtureSession[] {
  const werf1: FixtureSession = {
    id: 'sessie1',
    scriptId: 'werf-1-visie',
    title: 'Werf 1 Lier',
    createdAt: day(3),
    room: newRoom(script('werf-1-visie'), { title: 'Werf 1 Lier' }),
    carry: []
  };
  answer(werf1.room, 'positieve-kern', ['Samen', 'Vertrouwen']);
  ideas(werf1.room, 'toekomstbeelden', [
    ['meer-van', 'Elk kind op kamp'],
    ['meer-van', 'Een gratis zwembeurt']
  ]);
  vote(werf1.room, 'toekomst-kiezen', ['i150', 'i150', 'i151']);
  agree(werf1.room, 'ag1', 'Visietekst herschrijven', 'Ann (OCMW)', 'voor werf 2');

  const werf2 = startFromTrack('sessie2', 'werf-2-doelgroepen', 'Werf 2 Lier', day(10), [werf1]);
  ideas(werf2.room, 'wie-betrokken', [
    ['aan-tafel', 'De bib'],
    ['ontbreekt', 'De jeugdbewegingen']
  ]);
  agree(werf2.room, 'ag2', 'Jeugdbewegingen uitnodigen', 'Pieter', 'april');

  const werf3 = startFromTrack('sessie3', 'werf-3-aanbod', 'Werf 3 Lier', day(17), [werf1, werf2]);
  ideas(werf3.room, 'doelenkader', [
    ['behouden', 'Vrijetijdspas voor iedereen'],
    ['nieuw', 'Vervoer naar activiteiten']
  ]);

  const werf4 = startFromTrack('sessie4', 'werf-4-samenwerking', 'Werf 4 Lier', day(24), [
    werf1,
    werf2,
    werf3
  ]);
  werf4.room.goTo('rollen-kiezen');
  werf4.room
    .person('p0')
    .must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'visiebewaker' });
  ideas(werf4.room, 'taken-werkwijze', [['taken', 'Verslag na elk overleg']]);
  return [werf1, werf2, werf3, werf4];
}
