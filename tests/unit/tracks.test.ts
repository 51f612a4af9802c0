import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { outlineMarkdown } from '../../src/lib/export/markdown.ts';
import { outlineDocx } from '../../src/lib/export/docx.ts';
import { parseScript, type Script } from '../../src/lib/scripts/schema.ts';
import { newSession } from '../../src/lib/storage/sessionRecord.ts';
import { KringDatabase } from '../../src/lib/storage/KringDatabase.ts';
import { TrackLibrary } from '../../src/lib/storage/TrackLibrary.ts';
import { readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import {
  carryCandidates,
  carryInputs,
  defaultSelection,
  placeCarry
} from '../../src/lib/tracks/carry.ts';
import {
  readTrackArchive,
  trackArchiveCopy,
  trackArchiveRecords,
  trackArchiveText
} from '../../src/lib/tracks/trackArchive.ts';
import {
  agreementKey,
  currentReview,
  newTrack,
  reviewHistory,
  withReview,
  withSession,
  type TrackRecord
} from '../../src/lib/tracks/trackRecord.ts';
import { sectionId, trackOutline } from '../../src/lib/tracks/trackReport.ts';
import { trackWords } from '../../src/lib/tracks/trackWords.ts';
import { newRoom } from './sessionHarness.ts';
import { readSession, restartTrack, script, words } from './trackFixture.ts';

const werven = restartTrack();
const [werf1, werf2, werf3] = werven as [
  (typeof werven)[0],
  (typeof werven)[0],
  (typeof werven)[0]
];

function trackOf(now = Date.UTC(2025, 2, 1)): TrackRecord {
  let track = newTrack({
    id: 'traject1',
    name: 'Netwerk vrije tijd Lier',
    municipality: 'Lier',
    partners: 'OCMW, bib, Welzijnsschakels',
    template: 'restart',
    locale: 'nl',
    now
  });
  for (const session of werven) track = withSession(track, session.id, now);
  return track;
}

describe('carrying results forward', () => {
  it('offers top votes, round words and agreements, and places them where the script takes them', () => {
    const candidates = carryCandidates(readSession(werf1), words);
    expect(candidates.filter((c) => c.kind === 'answers').map((c) => c.text)).toEqual([
      'Samen',
      'Vertrouwen'
    ]);
    expect(candidates.filter((c) => c.kind === 'ranked').map((c) => [c.text, c.detail])).toEqual([
      ['Elk kind op kamp', '2 stippen'],
      ['Een gratis zwembeurt', '1 stip']
    ]);
    const agreement = candidates.find((c) => c.kind === 'agreements');
    expect(agreement).toMatchObject({
      text: 'Visietekst herschrijven',
      detail: 'Ann (OCMW) · voor werf 2',
      source: 'Werf 1 Lier · Afspraken tot werf 2',
      agreement: agreementKey('sessie1', 'ag1')
    });

    const werf3Script = script('werf-3-aanbod');
    const placed = placeCarry(werf3Script, candidates, defaultSelection(werf3Script, candidates));
    expect(new Set(placed.map((p) => p.stepId))).toEqual(new Set(['waar-we-staan']));
    // The facilitator leaves one behind: it is not carried.
    const fewer = new Set(defaultSelection(werf3Script, candidates));
    fewer.delete(candidates.find((c) => c.text === 'Vertrouwen')?.key ?? '');
    expect(placeCarry(werf3Script, candidates, fewer).map((p) => p.text)).not.toContain(
      'Vertrouwen'
    );
  });

  it('shows the carried positive core on werf 3’s first step, on every screen', () => {
    for (const role of ['projector', 'participant'] as const) {
      const view = werf3.room.person(`viewer-${role}`, role).client.view;
      const carried = view.carriedOf('waar-we-staan');
      expect(carried.filter((c) => c.kind === 'answers').map((c) => c.text)).toEqual([
        'Samen',
        'Vertrouwen'
      ]);
      expect(carried.find((c) => c.kind === 'answers')?.source).toBe(
        'Werf 1 Lier · Onze positieve kern'
      );
      expect(carried.map((c) => c.text)).toContain('Jeugdbewegingen uitnodigen');
    }
  });

  it('starts a brainstorm with carried ideas, marked as carried, and carries nothing twice', () => {
    const own: Script = {
      ...script('werf-3-aanbod'),
      id: 'eigen',
      steps: script('werf-3-aanbod').steps.map((step) =>
        step.id === 'waar-we-staan'
          ? { ...step, carry: undefined }
          : step.id === 'doelenkader'
            ? { ...step, carry: { kinds: ['ranked'], column: 'behouden' } }
            : step
      )
    };
    expect(parseScript(own).ok).toBe(true);
    const room = newRoom(own, { title: 'Eigen werf' });
    const candidates = carryCandidates(readSession(werf1), words);
    const placed = placeCarry(own, candidates, defaultSelection(own, candidates));
    room.facilitator.must({ type: 'carry', items: carryInputs(placed), now: 0 });
    const notes = room.facilitator.client.view.notesOf('doelenkader');
    expect(notes.map((n) => [n.text, n.column, n.carried])).toEqual([
      ['Elk kind op kamp', 'behouden', 'Werf 1 Lier · Welke toekomst kiezen we?'],
      ['Een gratis zwembeurt', 'behouden', 'Werf 1 Lier · Welke toekomst kiezen we?']
    ]);
    // Carried ideas can be voted on like any idea.
    expect(
      room.facilitator.client.view
        .voteItemsOf(own.steps.find((s) => s.id === 'doelen-kiezen') as Script['steps'][number])
        .map((item) => item.label)
    ).toEqual(['Elk kind op kamp', 'Een gratis zwembeurt']);
    const again = room.facilitator.run({ type: 'carry', items: carryInputs(placed), now: 0 });
    expect(again).toMatchObject({ ok: false, reason: 'noChange' });
    // Participants cannot carry.
    expect(
      room.person('p').run({ type: 'carry', items: carryInputs(placed), now: 0 })
    ).toMatchObject({
      ok: false,
      reason: 'notFacilitator'
    });
  });

  it('refuses a script that puts carried results where they cannot go', () => {
    const werf = script('werf-3-aanbod');
    const bad = (steps: Script['steps']) => parseScript({ ...werf, steps });
    const withCarry = (stepId: string, carry: unknown) =>
      werf.steps.map((s) => (s.id === stepId ? { ...s, carry } : s)) as Script['steps'];
    expect(bad(withCarry('doelen-kiezen', { kinds: ['ranked'] })).ok).toBe(false);
    expect(bad(withCarry('doelenkader', { kinds: ['agreements'] })).ok).toBe(false);
    expect(bad(withCarry('doelenkader', { kinds: ['ranked'], column: 'elders' })).ok).toBe(false);
    expect(bad(withCarry('waar-we-staan', { kinds: [] })).ok).toBe(false);
    expect(bad(withCarry('waar-we-staan', { kinds: ['ranked', 'ranked'] })).ok).toBe(false);
  });

  it('never carries an author id or a name that was not shown', () => {
    // A named brainstorm (names shown there) voted on: the carried idea has no name.
    const named: Script = {
      schema: 1,
      id: 'benoemd',
      title: { nl: 'Benoemd', en: 'Named' },
      summary: { nl: 'Test', en: 'Test' },
      steps: [
        {
          id: 'rollen',
          title: { nl: 'Wie doet wat', en: 'Who does what' },
          prompt: { nl: 'Schrijf', en: 'Write' },
          facilitatorNotes: { nl: '', en: '' },
          minutes: 5,
          activity: {
            type: 'brainstorm',
            columns: [{ id: 'a', title: { nl: 'A', en: 'A' } }],
            anonymous: false,
            hidden: true
          }
        },
        {
          id: 'kiezen',
          title: { nl: 'Kiezen', en: 'Choose' },
          prompt: { nl: 'Stem', en: 'Vote' },
          facilitatorNotes: { nl: '', en: '' },
          minutes: 5,
          activity: { type: 'vote', source: 'rollen', dots: 2, maxPerItem: 2 }
        }
      ]
    };
    const room = newRoom(named, { title: 'Benoemd' });
    room.goTo('rollen');
    room.person('p').must({
      type: 'addNote',
      stepId: 'rollen',
      id: 'n1',
      column: 'a',
      text: 'Trekker zijn',
      name: 'Mieke Geheim',
      now: 0
    });
    room.goTo('kiezen');
    room.steer({ type: 'openVote' });
    room.person('q').must({ type: 'addDot', stepId: 'kiezen', itemId: 'n1' });
    room.steer({ type: 'closeVote' });
    const source = readSession({
      id: 's',
      scriptId: 'benoemd',
      title: 'Benoemd',
      createdAt: 0,
      room,
      carry: []
    });
    const carried = JSON.stringify(carryCandidates(source, words));
    expect(carried).toContain('Trekker zijn');
    expect(carried).not.toContain('Mieke');
    const authorIds = [...room.facilitator.client.view.data.entries.values()].flatMap((step) => [
      ...step.keys()
    ]);
    expect(authorIds.length).toBeGreaterThan(0);
    for (const id of authorIds) expect(carried).not.toContain(id);
    // And what lands in the new session's doc holds none either.
    const werf3Doc = JSON.stringify(werf3.room.doc.getMap('b').toJSON());
    for (const session of [werf1, werf2])
      for (const step of session.room.facilitator.client.view.data.entries.values())
        for (const id of step.keys()) expect(werf3Doc).not.toContain(id);
  });
});

describe('agreement follow-up', () => {
  it('keeps the whole status history and the latest status', () => {
    const key = agreementKey('sessie1', 'ag1');
    let track = trackOf();
    track = withReview(track, {
      agreement: key,
      status: 'going',
      note: 'Eerste versie klaar',
      sessionId: 'sessie2',
      at: 1
    });
    const same = withReview(track, {
      agreement: key,
      status: 'going',
      note: ' Eerste versie klaar ',
      sessionId: 'sessie2',
      at: 2
    });
    expect(same).toBe(track);
    track = withReview(track, {
      agreement: key,
      status: 'done',
      note: '',
      sessionId: 'sessie3',
      at: 3
    });
    expect(reviewHistory(track, key).map((r) => [r.status, r.sessionId])).toEqual([
      ['going', 'sessie2'],
      ['done', 'sessie3']
    ]);
    expect(currentReview(track, key)?.status).toBe('done');
    expect(currentReview(track, agreementKey('sessie2', 'ag2'))).toBeUndefined();
  });

  it('marks a carried agreement in the session, for every screen to see', () => {
    const room = newRoom(script('werf-3-aanbod'), { title: 'Werf 3' });
    const candidates = carryCandidates(readSession(werf1), words);
    const werf3Script = script('werf-3-aanbod');
    const placed = placeCarry(werf3Script, candidates, defaultSelection(werf3Script, candidates));
    room.facilitator.must({ type: 'carry', items: carryInputs(placed), now: 0 });
    const item = placed.find((p) => p.kind === 'agreements');
    if (!item) throw new Error('no agreement carried');
    const review = { type: 'reviewAgreement', stepId: item.stepId, itemId: item.id } as const;
    room.facilitator.must({ ...review, status: 'going', note: 'Half' });
    room.facilitator.must({ ...review, status: 'done', note: 'Verstuurd' });
    expect(room.facilitator.run({ ...review, status: 'done', note: 'Verstuurd' })).toMatchObject({
      ok: false,
      reason: 'noChange'
    });
    expect(room.person('p').run({ ...review, status: 'dropped', note: '' })).toMatchObject({
      ok: false,
      reason: 'notFacilitator'
    });
    expect(
      room.facilitator.run({
        ...review,
        itemId: placed.find((p) => p.kind === 'answers')?.id ?? '',
        status: 'done',
        note: ''
      })
    ).toMatchObject({ ok: false, reason: 'unknownItem' });
    const seen = room
      .person('p')
      .client.view.carriedOf(item.stepId)
      .find((c) => c.id === item.id);
    expect(seen?.review).toEqual({ status: 'done', note: 'Verstuurd' });
  });
});

describe('the track report', () => {
  const track = withReview(trackOf(), {
    agreement: agreementKey('sessie1', 'ag1'),
    status: 'done',
    note: 'Verstuurd naar alle partners',
    sessionId: 'sessie3',
    at: 5
  });
  const sessions = werven.map(readSession);
  const tw = trackWords('nl');

  it('has a section per werf, each naming its session, and the agreements with their status', () => {
    const outline = trackOutline(track, sessions, words, tw);
    const sections = outline.blocks.filter((b) => b.kind === 'section');
    expect(sections.map((s) => s.kind === 'section' && s.title)).toEqual([
      'Visie en positieve kern',
      'Doelgroepen en hoe we ze betrekken',
      'Ons doelenkader',
      'Rollen, taken en werkwijze',
      'Afspraken en hoe ze lopen'
    ]);
    const markdown = outlineMarkdown(outline);
    expect(markdown).toMatch(/^# Ontwerp van afsprakennota: Netwerk vrije tijd Lier\n/);
    expect(markdown).toContain('- **Gemeente:** Lier');
    for (const werf of ['Werf 1 Lier', 'Werf 2 Lier', 'Werf 3 Lier', 'Werf 4 Lier'])
      expect(markdown).toContain(`*Uit: ${werf} (`);
    expect(markdown).toContain('### Onze positieve kern');
    expect(markdown).toContain('| Samen | 1 |');
    expect(markdown).toContain('| 1 | Elk kind op kamp | 2 | 2 |');
    expect(markdown).toContain('De jeugdbewegingen');
    expect(markdown).toContain('Vrijetijdspas voor iedereen');
    expect(markdown).toContain('| Visiebewaker | 1 |');
    expect(markdown).toContain('Verslag na elk overleg');
    expect(markdown).toContain(
      '| Visietekst herschrijven | Ann (OCMW) | voor werf 2 | Werf 1 Lier | Klaar (in Werf 3 Lier): Verstuurd naar alle partners |'
    );
    expect(markdown).toContain(
      '| Jeugdbewegingen uitnodigen | Pieter | april | Werf 2 Lier | Nog niet opgevolgd |'
    );
    // Outcomes, not the process: no step that only explains, none that stayed empty.
    expect(markdown).not.toContain('Waarderend kijken');
    expect(markdown).not.toContain('### Onze visie vandaag');
  });

  it('takes the headings the coordinator rewrote, and makes a Word document', async () => {
    const headings = { [sectionId(sessions[0] as (typeof sessions)[0])]: 'Onze visie 2025' };
    const outline = trackOutline(track, sessions, words, tw, { headings });
    expect(outlineMarkdown(outline)).toContain('## Onze visie 2025');
    const docx = await outlineDocx(outline, { words, description: tw.title(track.name) });
    expect([...docx.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

describe('the track archive', () => {
  const track = trackOf();
  const now = Date.UTC(2025, 3, 1);
  const records = werven.map((w) => ({
    record: newSession({
      id: w.id,
      title: w.title,
      scriptId: w.scriptId,
      script: script(w.scriptId),
      locale: 'nl',
      roomKey: w.room.roomKey,
      facilitatorKey: w.room.facilitatorKey,
      now: w.createdAt,
      trackId: track.id,
      carry: w.carry
    }),
    doc: w.room.doc
  }));
  const reviewed = withReview(track, {
    agreement: agreementKey('sessie1', 'ag1'),
    status: 'going',
    note: 'Bezig',
    sessionId: 'sessie2',
    at: 9
  });
  const text = trackArchiveText(reviewed, records, now);

  it('round-trips the track, its sessions and their content', () => {
    const check = readTrackArchive(text);
    if (!check.ok) throw new Error(`refused: ${JSON.stringify(check)}`);
    const back = trackArchiveRecords(check.archive, now);
    expect(back.track).toEqual(reviewed);
    expect(back.sessions.map((s) => s.record.id)).toEqual([
      'sessie1',
      'sessie2',
      'sessie3',
      'sessie4'
    ]);
    expect(back.sessions.every((s) => s.record.trackId === track.id)).toBe(true);
    expect(back.sessions[2]?.record.carry).toEqual(werf3.carry);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, back.sessions[2]?.update ?? new Uint8Array());
    const data = readSessionData(doc, werf3.room.roomKey);
    expect(data.boards.get('waar-we-staan')?.data.ci?.map((i) => i[3])).toContain('Samen');
    // Exported again, it is the same file.
    const again = trackArchiveText(
      back.track,
      back.sessions.map((s, i) => ({ record: s.record, doc: records[i]?.doc ?? doc })),
      now
    );
    expect(again).toBe(text);
  });

  it('says what is wrong with a bad file and never half-reads one', () => {
    const data = JSON.parse(text) as Record<string, unknown>;
    const edit = (change: (d: Record<string, unknown>) => void) => {
      const copy = JSON.parse(text) as Record<string, unknown>;
      change(copy);
      return readTrackArchive(JSON.stringify(copy));
    };
    expect(readTrackArchive(text.slice(0, 200))).toMatchObject({ ok: false, reason: 'truncated' });
    expect(readTrackArchive('nee')).toMatchObject({ ok: false, reason: 'notJson' });
    const sessionArchive = (data['sessions'] as { archive: unknown }[])[0]?.archive;
    expect(readTrackArchive(JSON.stringify(sessionArchive))).toMatchObject({
      ok: false,
      reason: 'sessionArchive'
    });
    expect(edit((d) => (d['version'] = 9))).toMatchObject({
      ok: false,
      reason: 'wrongVersion',
      version: '9'
    });
    expect(edit((d) => ((d['track'] as Record<string, unknown>)['name'] = ' '))).toMatchObject({
      ok: false,
      reason: 'badTrack'
    });
    expect(
      edit((d) => ((d['track'] as Record<string, unknown>)['sessionIds'] = ['sessie1']))
    ).toMatchObject({ ok: false, reason: 'badTrack' });
    expect(
      edit((d) => {
        const list = d['sessions'] as { archive: Record<string, unknown> }[];
        if (list[1]) list[1].archive['doc'] = 'geen yjs';
      })
    ).toMatchObject({ ok: false, reason: 'badSession', index: 2, problem: { reason: 'badDoc' } });
  });

  it('imports as a copy with new ids and keys, the history following the sessions', () => {
    const check = readTrackArchive(text);
    if (!check.ok) throw new Error('refused');
    const copy = trackArchiveCopy(check.archive, {
      trackId: 'traject2',
      name: 'Netwerk vrije tijd Lier (kopie)',
      now,
      sessionKeys: (old) => ({ id: `${old}b`, ...newSessionKeys() })
    });
    expect(copy.track.sessionIds).toEqual(['sessie1b', 'sessie2b', 'sessie3b', 'sessie4b']);
    expect(copy.track.reviews[0]).toMatchObject({
      agreement: 'sessie1b/ag1',
      sessionId: 'sessie2b'
    });
    expect(copy.sessions.every((s) => s.record.trackId === 'traject2')).toBe(true);
    expect(copy.sessions[2]?.record.carry?.find((c) => c.kind === 'agreements')?.agreement).toBe(
      'sessie1b/ag1'
    );
    expect(copy.sessions[0]?.record.roomKey).not.toBe(werf1.room.roomKey);
  });
});

describe('tracks on the device', () => {
  let db: KringDatabase | undefined;
  afterEach(async () => {
    await db?.delete();
  });

  it('opens a library of before tracks with every session intact, and keeps tracks', async () => {
    const { Dexie } = await import('dexie');
    const old = new Dexie('kring-tracks-upgrade');
    old.version(4).stores({ sessions: 'id, lastOpenedAt', templates: 'id, updatedAt' });
    const keys = newSessionKeys();
    const before = newSession({
      id: 'oud',
      title: 'Oude sessie',
      scriptId: 'swot',
      locale: 'nl',
      ...keys,
      now: 1
    });
    await old.table('sessions').add(before);
    old.close();

    db = new KringDatabase('kring-tracks-upgrade');
    expect(await db.sessions.get('oud')).toEqual(before);
    const library = new TrackLibrary(db);
    const track = trackOf();
    await library.add({ ...track, sessionIds: [] });
    await expect(library.add({ ...track, sessionIds: [] })).rejects.toThrow();
    const next = newSession({
      id: 'nieuw',
      title: 'Werf 1',
      scriptId: 'werf-1-visie',
      locale: 'nl',
      ...newSessionKeys(),
      now: 2
    });
    await library.addSession(track.id, next, 3);
    const stored = await library.get(track.id);
    expect(stored?.sessionIds).toEqual(['nieuw']);
    expect((await library.sessionsOf(stored as TrackRecord)).map((s) => [s.id, s.trackId])).toEqual(
      [['nieuw', track.id]]
    );
    await library.review(track.id, {
      agreement: 'nieuw/a',
      status: 'done',
      note: 'ok',
      sessionId: 'nieuw',
      at: 4
    });
    expect((await library.get(track.id))?.reviews).toHaveLength(1);
    await library.remove(track.id);
    expect((await db.sessions.get('nieuw'))?.trackId).toBeUndefined();
  });
});
