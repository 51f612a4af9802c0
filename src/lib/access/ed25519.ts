import { ed25519 } from '@noble/curves/ed25519.js';

/*
 * The Ed25519 curve as Kring uses it. noble builds a table of multiples of the base point on
 * its first use, once for secret scalars (key pairs, signing) and once for checking
 * signatures. Its default window (6 bits) makes those tables large: on a phone the first key
 * and the first check each pay for one while the person joins. A 4-bit window builds them in
 * about a third of the time, and costs each later check ~0.1 ms more (npm run bench,
 * first_idea_ms_cpu4x; docs/BENCHMARKS.md).
 */
ed25519.Point.BASE.precompute(4);

export { ed25519 };
