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
 * Asked once per page. A screen that reads the session library first says so with
 * `storageWorked`, and nothing is opened for the check; the join screen asks early (before
 * its first step), so the check runs while the page does other work.
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

/**
 * Tells `storageUsable` that this page has just opened a database and read from it (the
 * session library): storage works, and no database of its own needs opening to find that
 * out. Each database a page opens is one more round trip for the browser's storage, and the
 * facilitate and present screens open two on the way to the board already (npm run bench:
 * load_from_idb_ms_1000).
 */
export function storageWorked(): void {
  try {
    const factory = globalThis.indexedDB;
    if (factory && !answers.has(factory)) answers.set(factory, Promise.resolve(true));
  } catch {
    // Where merely reading it throws, nothing was read from it either.
  }
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
