import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveCopy,
  archivedRecord,
  archiveText,
  maxArchiveBytes,
  readArchive,
  type ArchiveCheck,
  type SessionArchive
} from '../../src/lib/export/archive.ts';
import { readNotes } from '../../src/lib/sync/boardDoc.ts';
import { deriveRoomSecrets, newSessionKeys } from '../../src/lib/sync/roomAccess.ts';
import {
  readActions,
  readClusters,
  readPersonal,
  readScript,
  readTitle
} from '../../src/lib/sync/sessionDoc.ts';
import { trustedFlow } from '../../src/lib/sync/trustedFlow.ts';
import { buildFixture } from './exportFixture.ts';

const now = Date.UTC(2025, 2, 13, 16, 30);

function imported(check: ArchiveCheck): SessionArchive {
  if (!check.ok) throw new Error(`archive refused: ${check.reason}`);
  return check.archive;
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** The fixture's archive as parsed JSON, to damage in one place. */
function archiveJson(): Record<string, unknown> {
  const { doc, record } = buildFixture();
  return JSON.parse(archiveText(record, doc, now)) as Record<string, unknown>;
}

describe('session archive', () => {
  it('export → import → export gives the same bytes', () => {
    const { doc, record } = buildFixture();
    const first = archiveText(record, doc, now);
    const archive = imported(readArchive(first));
    const again = archivedRecord(archive, now + 1000);
    expect(archiveText(again, docOf(archive.update), now)).toBe(first);
  });

  it('carries what the facilitator typed for the report, byte for byte again', () => {
    const { doc, record } = buildFixture();
    const report = { partners: 'OCMW Lier, bib', conclusion: 'We gaan door.\nEerst de bib.' };
    const first = archiveText({ ...record, report }, doc, now);
    const archive = imported(readArchive(first));
    expect(archive.session.report).toEqual(report);
    expect(archivedRecord(archive, now).report).toEqual(report);
    expect(archiveText(archivedRecord(archive, now), docOf(archive.update), now)).toBe(first);
    // Nothing typed: no field, so archives of older sessions keep their bytes.
    expect(archiveText({ ...record, report: { partners: '', conclusion: '' } }, doc, now)).toBe(
      archiveText(record, doc, now)
    );
    // Report text that is not text: the archive is refused as damaged, nothing half-imported.
    const bad = JSON.parse(first) as { session: Record<string, unknown> };
    bad.session['report'] = { partners: 3, conclusion: '' };
    expect(readArchive(JSON.stringify(bad))).toEqual({ ok: false, reason: 'badSession' });
  });

  it('restores the library record and the whole doc', () => {
    const { doc, record } = buildFixture();
    const archive = imported(readArchive(archiveText(record, doc, now)));
    expect(archivedRecord(archive, now)).toEqual({ ...record, lastOpenedAt: now });
    const copy = docOf(archive.update);
    expect(readNotes(copy)).toEqual(readNotes(doc));
    expect(readClusters(copy)).toEqual(readClusters(doc));
    expect(readActions(copy)).toEqual(readActions(doc));
    expect(readScript(copy)).toEqual(readScript(doc));
    expect([...readPersonal(copy, 'ballots', 'plannen-kiezen')]).toEqual([
      ...readPersonal(doc, 'ballots', 'plannen-kiezen')
    ]);
    expect(copy.getMap('flow').toJSON()).toEqual(doc.getMap('flow').toJSON());
    const { roomId, verifier } = deriveRoomSecrets(record.roomKey);
    expect(trustedFlow(copy, roomId, verifier, undefined)?.stepId).toBe('afspraken');
  });

  it('imports as a copy: a new room and key, the same content, the flow signed again', () => {
    const { doc, record } = buildFixture();
    const archive = imported(readArchive(archiveText(record, doc, now)));
    const keys = newSessionKeys();
    const { record: copy, update } = archiveCopy(archive, {
      id: 'copy0000000000000000000000',
      title: `${record.title} (kopie)`,
      ...keys,
      now
    });
    expect(copy).toMatchObject({ id: 'copy0000000000000000000000', ...keys, lastOpenedAt: now });
    const copied = docOf(update);
    expect(readTitle(copied)).toBe(`${record.title} (kopie)`);
    expect(readNotes(copied)).toEqual(readNotes(doc));
    const fresh = deriveRoomSecrets(keys.roomKey);
    expect(trustedFlow(copied, fresh.roomId, fresh.verifier, undefined)?.stepId).toBe('afspraken');
    // The old facilitator's signature is gone: the copy answers to its own key only.
    const old = deriveRoomSecrets(record.roomKey);
    expect(trustedFlow(copied, old.roomId, old.verifier, undefined)).toBeUndefined();
  });

  describe('a bad file says what is wrong', () => {
    const damaged = (change: (json: Record<string, unknown>) => void): string => {
      const json = archiveJson();
      change(json);
      return JSON.stringify(json);
    };
    const session = (json: Record<string, unknown>) => json['session'] as Record<string, unknown>;

    it.each([
      ['too large', () => ' '.repeat(maxArchiveBytes + 1), 'tooLarge'],
      [
        'cut off',
        () => archiveText(buildFixture().record, buildFixture().doc, now).slice(0, 900),
        'truncated'
      ],
      ['not JSON', () => 'Dit is een verslag, geen archief.', 'notJson'],
      ['a script file', () => JSON.stringify(buildFixture().script), 'script'],
      ['a JSON list', () => '[1, 2, 3]', 'notArchive'],
      ['a newer version', () => damaged((j) => (j['version'] = 2)), 'wrongVersion'],
      [
        'a room key cut short',
        () => damaged((j) => (session(j)['roomKey'] = 'abc.def')),
        'badSession'
      ],
      ['no title', () => damaged((j) => delete session(j)['title']), 'badSession'],
      [
        'another session’s facilitator key',
        () => damaged((j) => (session(j)['facilitatorKey'] = newSessionKeys().facilitatorKey)),
        'badSession'
      ],
      ['a doc that is not base64', () => damaged((j) => (j['doc'] = '!!not base64!!')), 'badDoc'],
      [
        'a doc cut in the middle',
        () => damaged((j) => (j['doc'] = (j['doc'] as string).slice(0, 400))),
        'badDoc'
      ],
      [
        'a doc of random bytes',
        () => damaged((j) => (j['doc'] = toBase64(new Uint8Array(64).fill(0xff)))),
        'badDoc'
      ],
      [
        'an invalid script',
        () => damaged((j) => ((j['script'] as Record<string, unknown>)['steps'] = [])),
        'badScript'
      ]
    ])('%s', (_name, file, reason) => {
      const check = readArchive(file());
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toBe(reason);
    });

    it('names the version it found and the script’s problems', () => {
      const version = readArchive(JSON.stringify({ ...archiveJson(), version: 7 }));
      expect(version).toEqual({ ok: false, reason: 'wrongVersion', version: '7' });
      const script = readArchive(
        JSON.stringify({ ...archiveJson(), script: { ...buildFixture().script, steps: [] } })
      );
      expect(script).toMatchObject({ ok: false, reason: 'badScript' });
      if (!script.ok && script.reason === 'badScript')
        expect(script.problems.join(' ')).toContain('steps');
    });

    it('a doc signed by another facilitator than the archive’s key is refused', () => {
      const other = buildFixture();
      const json = archiveJson();
      json['doc'] = toBase64(Y.encodeStateAsUpdate(other.doc));
      expect(readArchive(JSON.stringify(json))).toMatchObject({ ok: false, reason: 'badSession' });
    });
  });
});
