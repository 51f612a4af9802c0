import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageUsable, storageWorked } from '../../src/lib/sync/storageProbe.ts';

/** An IndexedDB factory that records what is opened and answers each open as told. */
function factory(answer: 'success' | 'error') {
  const opened: string[] = [];
  const idb = {
    open(name: string) {
      opened.push(name);
      const request = {
        result: { close: () => undefined },
        onsuccess: null as null | (() => void),
        onerror: null as null | (() => void),
        onblocked: null as null | (() => void)
      };
      queueMicrotask(() => (answer === 'success' ? request.onsuccess?.() : request.onerror?.()));
      return request;
    }
  };
  return { idb: idb as unknown as IDBFactory, opened };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('storageUsable', () => {
  it('opens a database of its own once per page to find out', async () => {
    const { idb, opened } = factory('success');
    vi.stubGlobal('indexedDB', idb);
    expect(await storageUsable()).toBe(true);
    expect(await storageUsable()).toBe(true);
    expect(opened).toEqual(['kring-storage-check']);
  });

  it('says no when the browser refuses the database', async () => {
    const { idb } = factory('error');
    vi.stubGlobal('indexedDB', idb);
    expect(await storageUsable()).toBe(false);
  });

  it('opens nothing once the page has read from IndexedDB itself', async () => {
    const { idb, opened } = factory('error');
    vi.stubGlobal('indexedDB', idb);
    storageWorked();
    expect(await storageUsable()).toBe(true);
    expect(opened).toEqual([]);
  });

  it('keeps an answer it already has', async () => {
    const { idb, opened } = factory('error');
    vi.stubGlobal('indexedDB', idb);
    const answer = storageUsable();
    storageWorked();
    expect(await answer).toBe(false);
    expect(await storageUsable()).toBe(false);
    expect(opened).toEqual(['kring-storage-check']);
  });

  it('says no without IndexedDB, and storageWorked changes nothing there', async () => {
    vi.stubGlobal('indexedDB', undefined);
    storageWorked();
    expect(await storageUsable()).toBe(false);
  });
});
