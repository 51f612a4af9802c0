import { KringDatabase } from './KringDatabase.ts';
import { SessionLibrary } from './SessionLibrary.ts';
import { TemplateLibrary } from './TemplateLibrary.ts';
import { TrackLibrary } from './TrackLibrary.ts';

let database: KringDatabase | undefined;
let library: SessionLibrary | undefined;
let templates: TemplateLibrary | undefined;
let tracks: TrackLibrary | undefined;

/** One connection per page: Dexie upgrades wait for other open connections to close. */
function deviceDatabase(): KringDatabase {
  database ??= new KringDatabase();
  return database;
}

/** The session library of this browser, opened on first use. */
export function deviceLibrary(): SessionLibrary {
  library ??= new SessionLibrary(deviceDatabase());
  return library;
}

/** The facilitator's own templates in this browser, opened on first use. */
export function deviceTemplates(): TemplateLibrary {
  templates ??= new TemplateLibrary(deviceDatabase());
  return templates;
}

/** The tracks in this browser, opened on first use. */
export function deviceTracks(): TrackLibrary {
  tracks ??= new TrackLibrary(deviceDatabase());
  return tracks;
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
