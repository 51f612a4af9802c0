import { ed25519 } from '@noble/curves/ed25519.js';

/*
 * The Ed25519 curve as Kring uses it. noble builds a table of multiples of the base point on
 * its first use, once for secret scalars (key pairs, signing) and once for checking
 * signatures. Its default window (6 bits) makes those tables large: in a browser the first
 * key and the first check each pay for one, on a phone while the person joins. A 4-bit window
 * builds them in about a third of the time; each later signature then costs ~0.2 ms more and
 * each check ~0.1 ms (docs/BENCHMARKS.md, eighth pass). A page makes few of either; a process
 * that makes thousands (the hub, the benchmark's simulated phones) keeps the default.
 */
if (typeof window !== 'undefined') ed25519.Point.BASE.precompute(4);

export { ed25519 };
