import { KringDatabase } from './KringDatabase.ts';
import { SessionLibrary } from './SessionLibrary.ts';

let library: SessionLibrary | undefined;

/** The session library of this browser, opened on first use. */
export function deviceLibrary(): SessionLibrary {
  library ??= new SessionLibrary(new KringDatabase());
  return library;
}

export type StorageProblem = 'full' | 'unavailable' | 'other';

/** Sorts a storage failure into what a person can act on: free space, or use another browser window. */
export function classifyStorageError(error: unknown): StorageProblem {
  const names = new Set<string>();
  let current: unknown = error;
  // Dexie wraps the browser's DOMException in `inner`; look at the whole chain.
  while (current && typeof current === 'object' && names.size < 5) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') names.add(name);
    current = (current as { inner?: unknown }).inner;
  }
  if (names.has('QuotaExceededError')) return 'full';
  if (names.has('MissingAPIError') || names.has('InvalidStateError') || names.has('SecurityError'))
    return 'unavailable';
  return 'other';
}
