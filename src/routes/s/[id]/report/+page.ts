import type { PageLoad } from './$types';
import { deviceLibrary } from '$lib/storage/deviceStorage.ts';

export const load: PageLoad = async ({ params }) => {
  return { session: await deviceLibrary().get(params.id) };
};
