/**
 * Node flags the hub runs with, wherever it starts: `npm start` (package.json), the packaged
 * app (scripts/package/seaBlob.ts), the hosted set-up (deploy/compose.yaml) and the bench.
 * They are process flags: V8 reads them once, when it sets up the heap, so the hub cannot set
 * them on itself (v8.setFlagsFromString at start-up changed nothing, measured).
 *
 * --max-semi-space-size=4 (MiB): under load the hub allocates fast (every relayed message) and
 * V8 grew its young generation to ~55 MiB to match, which was most of the hub's memory growth
 * (npm run bench: hub_rss_mb_400, 184-197 MiB at 400 phones, 130 before any; with the cap 136
 * MiB at the same load and the same CPU). Young objects here die young; a smaller nursery
 * only means more, shorter scavenges.
 *
 * --optimize-for-size: V8 favours memory over speed (smaller heap growth steps, less code kept).
 * At 400 phones after 200 (npm run bench: hub_rss_mb_400) 128 MiB against 152 without it, hub
 * CPU 25 % against 24 % at the same load; 143 MiB at 800 phones.
 */
export const hubNodeFlags: readonly string[] = ['--max-semi-space-size=4', '--optimize-for-size'];
