import type { PageLoad } from './$types';
import { deviceTemplates } from '$lib/storage/deviceStorage.ts';

export const load: PageLoad = async ({ params }) => ({
  template: await deviceTemplates().get(params.id)
});
