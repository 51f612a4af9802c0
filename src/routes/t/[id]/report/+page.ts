import type { PageLoad } from './$types';
import { deviceTracks } from '$lib/storage/deviceStorage.ts';

export const load: PageLoad = async ({ params }) => {
  const tracks = deviceTracks();
  const track = await tracks.get(params.id);
  return { track, sessions: track ? await tracks.sessionsOf(track) : [] };
};
