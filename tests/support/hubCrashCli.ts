import { parseArgs } from 'node:util';
import { runCrashRound } from './hubCrash.ts';

/*
 * The long hub crash test: `npm run hub-crash -- --rounds 20 [--writers 6]`. Each round kills
 * a real hub with SIGKILL after a different number of acknowledged updates (20 to 1200) and
 * checks the restarted hub against everything it acknowledged. Exit code 1 on any loss.
 */

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    writers: { type: 'string', default: '4' }
  }
});
const rounds = Number(values.rounds);
const writers = Number(values.writers);
let sent = 0;
let acked = 0;
let stored = 0;
let failures = 0;
for (let round = 1; round <= rounds; round++) {
  // Spread the kill over the burst: early, middle and late in a room's life.
  const killAfterAcks = Math.round(20 * Math.pow(60, (round - 1) / Math.max(1, rounds - 1)));
  const result = await runCrashRound({
    writers,
    killAfterAcks,
    log: (line) => console.log(`round ${round} (kill after ${killAfterAcks} acks): ${line}`)
  });
  sent += result.sent;
  acked += result.acked;
  stored += result.ackedAndStored;
  if (result.problems.length > 0) {
    failures += 1;
    for (const problem of result.problems) console.log(`round ${round}: ✗ ${problem}`);
  }
}
console.log(
  `${rounds} rounds, ${writers} writers: ${sent} updates sent, ${acked} acknowledged, ` +
    `${stored} of those in the database after kill -9; ${failures} round(s) with problems.`
);
process.exitCode = failures > 0 ? 1 : 0;
