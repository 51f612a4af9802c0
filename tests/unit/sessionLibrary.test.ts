import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSession } from '../../src/lib/storage/sessionRecord.ts';
import { KringDatabase } from '../../src/lib/storage/KringDatabase.ts';
import { SessionLibrary } from '../../src/lib/storage/SessionLibrary.ts';
import { classifyStorageError } from '../../src/lib/storage/deviceStorage.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  legacyRoomId,
  newSessionKeys
} from '../../src/lib/access/roomKeys.ts';
import { roomCopyName } from '../../src/lib/domain/roomCopy.ts';

let db: KringDatabase;
let library: SessionLibrary;
let counter = 0;

beforeEach(() => {
  db = new KringDatabase(`kring-test-${++counter}`);
  library = new SessionLibrary(db);
});

afterEach(async () => {
  await db.delete();
});

const session = (id: string, now: number) =>
  newSession({
    id,
    title: `Sessie ${id}`,
    scriptId: 'swot',
    locale: 'nl',
    roomKey: `room-${id}`,
    facilitatorKey: `facilitator-${id}`,
    now
  });

describe('SessionLibrary', () => {
  it('keeps what was added and lists the most recently used first', async () => {
    await library.add(session('a', 1));
    await library.add(session('b', 2));
    expect((await library.list()).map((s) => s.id)).toEqual(['b', 'a']);
    await library.touch('a', 10);
    expect((await library.list()).map((s) => s.id)).toEqual(['a', 'b']);
    expect(await library.get('a')).toMatchObject({
      title: 'Sessie a',
      lastOpenedAt: 10,
      createdAt: 1
    });
  });

  it('survives reopening the database', async () => {
    await library.add(session('kept', 1));
    db.close();
    const reopenedDb = new KringDatabase(db.name);
    const reopened = new SessionLibrary(reopenedDb);
    expect((await reopened.list()).map((s) => s.id)).toEqual(['kept']);
    reopenedDb.close();
  });

  it('never overwrites an existing session silently', async () => {
    await library.add(session('same', 1));
    await expect(library.add({ ...session('same', 2), title: 'Other' })).rejects.toThrow();
    expect((await library.get('same'))?.title).toBe('Sessie same');
  });

  it('keeps the report’s partners and conclusion with the session, across reopening', async () => {
    await library.add(session('a', 1));
    await library.setReport('a', { partners: 'OCMW, bib', conclusion: 'We gaan door.' });
    const reopenedDb = new KringDatabase(db.name);
    expect((await new SessionLibrary(reopenedDb).get('a'))?.report).toEqual({
      partners: 'OCMW, bib',
      conclusion: 'We gaan door.'
    });
    reopenedDb.close();
  });

  it('removes a session', async () => {
    await library.add(session('gone', 1));
    await library.remove('gone');
    expect(await library.get('gone')).toBeUndefined();
    expect(await library.list()).toEqual([]);
  });

  it('removes this device’s copy of the session’s room with it, the older copy too', async () => {
    const keys = newSessionKeys();
    const copy = roomCopyName(deriveRoomSecrets(keys.roomKey).roomId);
    const older = roomCopyName(legacyRoomId(keys.roomKey));
    const other = newSessionKeys();
    const otherCopy = roomCopyName(deriveRoomSecrets(other.roomKey).roomId);
    await library.add({ ...session('a', 1), ...keys });
    await library.add({ ...session('b', 2), ...other });
    for (const name of [copy, older, otherCopy]) await storeSomething(name);
    // A window that still has the copy open lets go of it when asked (as y-indexeddb does).
    const open = await openDb(copy);
    open.onversionchange = () => open.close();

    await library.remove('a');
    expect(await databaseNames()).not.toContain(copy);
    expect(await databaseNames()).not.toContain(older);
    expect(await databaseNames()).toContain(otherCopy);
    expect((await library.list()).map((s) => s.id)).toEqual(['b']);
  });

  it('keeps a room’s copy while another card names that room', async () => {
    const keys = newSessionKeys();
    const copy = roomCopyName(deriveRoomSecrets(keys.roomKey).roomId);
    await library.add({ ...session('a', 1), ...keys });
    await library.add({ ...session('b', 2), ...keys });
    await storeSomething(copy);
    await library.remove('a');
    expect(await databaseNames()).toContain(copy);
    await library.remove('b');
    expect(await databaseNames()).not.toContain(copy);
  });
});

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.result.createObjectStore('updates');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function storeSomething(name: string): Promise<void> {
  const db = await openDb(name);
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction('updates', 'readwrite');
    transaction.objectStore('updates').put(new Uint8Array([1, 2, 3]), 1);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  db.close();
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []));
}

describe('classifyStorageError', () => {
  it('finds a full disk behind Dexie wrapping', () => {
    const inner = new DOMException('quota', 'QuotaExceededError');
    expect(classifyStorageError(Object.assign(new Error('x'), { name: 'AbortError', inner }))).toBe(
      'full'
    );
    expect(classifyStorageError(inner)).toBe('full');
  });

  it('recognises a browser without usable IndexedDB', () => {
    expect(classifyStorageError(Object.assign(new Error('x'), { name: 'MissingAPIError' }))).toBe(
      'unavailable'
    );
    expect(classifyStorageError(new DOMException('no', 'InvalidStateError'))).toBe('unavailable');
  });

  it('calls anything else other', () => {
    expect(classifyStorageError(new Error('boom'))).toBe('other');
    expect(classifyStorageError('text')).toBe('other');
  });
});

describe('KringDatabase upgrades', () => {
  it('gives sessions stored before rooms existed a room key and a facilitator key', async () => {
    const name = `kring-upgrade-${++counter}`;
    const { Dexie } = await import('dexie');
    const old = new Dexie(name);
    old.version(1).stores({ sessions: 'id, lastOpenedAt' });
    await old.table('sessions').add({
      id: 'old',
      title: 'Oud',
      scriptId: 'swot',
      locale: 'nl',
      createdAt: 1,
      lastOpenedAt: 1
    });
    old.close();

    const upgraded = new KringDatabase(name);
    const session = await new SessionLibrary(upgraded).get('old');
    expect(session?.roomKey).toMatch(/^[0-9a-z]{26}\.[0-9a-z]{26}$/);
    expect(session?.facilitatorKey).toMatch(/^[0-9a-z]{26}$/);
    // The room key names the facilitator whose key this session holds.
    expect(session?.roomKey.split('.')[1]).toBe(
      facilitatorIdentity(session?.facilitatorKey ?? '').verifier
    );
    await upgraded.delete();
  });
});
