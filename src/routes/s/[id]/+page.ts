import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';
import { storageUsable } from '$lib/sync/storageProbe.ts';

export const load: PageLoad = async ({ params }) => {
  // The session's own copy is opened next; check the storage while the library is read.
  void storageUsable();
  const library = deviceLibrary();
  const session = await library.get(params.id);
  // Only the library's order depends on it: not worth holding the screen for, or failing it
  // on a full disk.
  if (session) void library.touch(session.id, Date.now()).catch(() => undefined);
  return { session };
};
