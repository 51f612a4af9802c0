import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';

export const load: PageLoad = async ({ params }) => {
  const library = deviceLibrary();
  const session = await library.get(params.id);
  if (session) await library.touch(session.id, Date.now());
  return { session };
};
