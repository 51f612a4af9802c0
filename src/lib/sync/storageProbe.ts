/** How long the browser may take to open a database before the page goes on without one. */
const storagePatienceMs = 5000;

// Per IndexedDB factory: the page has one; tests swap it.
const answers = new WeakMap<IDBFactory, Promise<boolean>>();

/**
 * Whether this page can keep data in IndexedDB. Opens (and closes) a small database of its
 * own, so a browser that refuses IndexedDB (private windows, some old browsers) is known
 * before y-indexeddb starts: y-indexeddb never settles `whenSynced` then, and leaves an
 * unhandled rejection behind. Not a room's database: creating that one here would keep
 * y-indexeddb from setting up its stores.
 *
 * Asked once per page. A screen asks early (in its route's load), so the check runs while
 * the page reads its other data instead of after it: every database opened costs a round
 * trip to the browser (npm run bench: load_from_idb_ms_1000).
 */
export function storageUsable(): Promise<boolean> {
  let factory: IDBFactory | undefined;
  try {
    factory = globalThis.indexedDB;
  } catch {
    // Some browsers throw on merely reading it where storage is off.
  }
  if (!factory) return Promise.resolve(false);
  let answer = answers.get(factory);
  if (!answer) {
    answer = probe(factory);
    answers.set(factory, answer);
  }
  return answer;
}

function probe(factory: IDBFactory): Promise<boolean> {
  return new Promise((resolve) => {
    // Some browsers leave an open request unanswered for ever: treat that as no storage.
    setTimeout(() => resolve(false), storagePatienceMs);
    try {
      const request = factory.open('kring-storage-check');
      request.onsuccess = () => {
        request.result.close();
        resolve(true);
      };
      request.onerror = () => resolve(false);
      request.onblocked = () => resolve(true);
    } catch {
      resolve(false);
    }
  });
}
