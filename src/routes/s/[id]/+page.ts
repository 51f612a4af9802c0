import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';
import { storageWorked } from '$lib/sync/storageProbe.ts';

export const load: PageLoad = async ({ params }) => {
  const library = deviceLibrary();
  const session = await library.get(params.id);
  // Read from IndexedDB just now: the session's own copy can open without a check first.
  storageWorked();
  // Only the library's order depends on it: not worth holding the screen for, or failing it
  // on a full disk.
  if (session) void library.touch(session.id, Date.now()).catch(() => undefined);
  return { session };
};
