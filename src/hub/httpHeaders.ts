import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

// The floor for every response that brings no policy of its own (assets, the service
// worker script, errors). SvelteKit sends a stricter, hash-based policy with each page.
const baselinePolicy = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ');

/** Sent with every response (the bench serves its floor pages with them too). */
export const fixedHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // The room id is in the path; never leak it to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()'
};

/** Adds Kring's security and caching headers right before a response's headers go out. */
export function applyBaselineHeaders(res: ServerResponse): void {
  onHeaders(res, function (this: ServerResponse) {
    for (const [name, value] of Object.entries(fixedHeaders)) this.setHeader(name, value);
    // A 304 updates the browser's stored headers: adding a policy or cache rule here
    // would overwrite the page's own (and break its inline boot script).
    if (this.statusCode === 304) return;
    if (!this.hasHeader('Content-Security-Policy'))
      this.setHeader('Content-Security-Policy', baselinePolicy);
    // Hashed assets under /_app/immutable/ say "immutable"; everything else revalidates,
    // so the service worker script and the shell are never stale.
    if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-cache');
  });
}
