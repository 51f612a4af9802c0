import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';
import { storageWorked } from '$lib/sync/storageProbe.ts';

export const load: PageLoad = async ({ params }) => {
  const session = await deviceLibrary().get(params.id);
  // Read from IndexedDB just now: the session's own copy can open without a check first.
  storageWorked();
  return { session };
};
