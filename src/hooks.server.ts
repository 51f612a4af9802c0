import type { Handle } from '@sveltejs/kit';
import { version } from '$app/environment';
import { buildAttribute, presentPaintScript, splitPreloads } from '$lib/ui/presentPaintScript.ts';

/*
 * Every page the hub sends names its build on `<html>` and ends with the present screen's
 * first-paint script (ui/presentPaintScript.ts), the offline shell included. Not the join page:
 * phones never show the projector.
 *
 * On the present screen, SvelteKit's `Link: rel=modulepreload` header (45 modules) is turned
 * into a template the script adds once the first paint is on screen (or at once without
 * one): fetched from the first byte, they held the first frame back (npm run bench:
 * present_render_500_ms).
 */

const presentPath = /^\/s\/[^/]+\/present\/?$/;
const scriptTag = `<script>${presentPaintScript}</script>`;

export const handle: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/j/')) return resolve(event);
  const response = await resolve(event, {
    transformPageChunk: ({ html }) =>
      html
        .replace('<html', `<html ${buildAttribute}="${version}"`)
        .replace('</body>', `${scriptTag}</body>`)
  });
  const link = response.headers.get('link');
  const isPage = response.headers.get('content-type')?.startsWith('text/html') === true;
  if (!link || !isPage || !presentPath.test(event.url.pathname)) return response;
  const { template, rest } = splitPreloads(link);
  const html = (await response.text()).replace(scriptTag, `${template}${scriptTag}`);
  const headers = new Headers(response.headers);
  if (rest) headers.set('link', rest);
  else headers.delete('link');
  headers.delete('content-length');
  return new Response(html, { status: response.status, headers });
};
