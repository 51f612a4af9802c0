import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';
import { storageUsable } from '$lib/sync/storageProbe.ts';

export const load: PageLoad = async ({ params }) => {
  // The session's own copy is opened next; check the storage while the library is read.
  void storageUsable();
  return { session: await deviceLibrary().get(params.id) };
};
