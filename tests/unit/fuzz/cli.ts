import { parseArgs } from 'node:util';
import { roleRules } from './hubRules.ts';
import { describeFailure, runCase, type CaseResult } from './runCase.ts';

/*
 * The long run of the board convergence fuzz:
 *   npm run fuzz -- --cases 5000            seeds 1..5000
 *   npm run fuzz -- --cases 5000 --from 9000 seeds 9000..13999
 *   npm run fuzz -- --seed 1234             one case, with its trace
 *   npm run fuzz -- --seed 12 --quick       a case of the short run in npm test
 *   npm run fuzz -- --no-hub-rules          without the relay's role rules at the hub
 *   npm run fuzz -- --board-only            the board without a guided session (old seeds)
 * Stops at the first failing seed and prints its trace; exit code 1 then.
 */

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    quick: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'no-hub-rules': { type: 'boolean', default: false },
    'board-only': { type: 'boolean', default: false },
    'keep-going': { type: 'boolean', default: false }
  }
});

const numberOption = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`not a whole number: ${text}`);
  return value;
};

const options = {
  size: values.quick ? ('quick' as const) : ('long' as const),
  hubRules: values['no-hub-rules'] ? undefined : roleRules,
  guided: !values['board-only']
};
const seeds =
  values.seed !== undefined
    ? [numberOption(values.seed) ?? 0]
    : Array.from(
        { length: numberOption(values.cases) ?? 1000 },
        (_, i) => i + (numberOption(values.from) ?? 1)
      );

const started = Date.now();
const totals: Record<string, number> = {};
const operationTotals: Record<string, number> = {};
let faults = 0;
let notes = 0;
let signed = 0;
let forgeries = 0;
let repairs = 0;
const failed: CaseResult[] = [];

for (const [index, seed] of seeds.entries()) {
  const result = await runCase(seed, options);
  for (const [name, count] of Object.entries(result.counts))
    totals[name] = (totals[name] ?? 0) + count;
  for (const [name, count] of Object.entries(result.operations))
    operationTotals[name] = (operationTotals[name] ?? 0) + count;
  faults += result.faults;
  notes += result.notes;
  signed += result.signed;
  forgeries += result.forgeries;
  repairs += result.repairs;
  if (values.trace || (!result.ok && failed.length === 0)) console.log(describeFailure(result));
  if (!result.ok) {
    failed.push(result);
    if (!values['keep-going']) break;
  }
  if ((index + 1) % 250 === 0) {
    console.log(`… ${index + 1} cases, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const run =
  failed.length > 0 && !values['keep-going']
    ? seeds.indexOf(failed[0]?.seed ?? 0) + 1
    : seeds.length;
console.log(
  `${run} case(s) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${notes} notes added, ` +
    `${signed} flow states signed, ${forgeries} forged or replayed, ${faults} faults injected, ` +
    `${repairs} changes undone by the hub; ${failed.length} failed${failed.length > 0 ? ` (seeds ${failed.map((r) => r.seed).join(', ')})` : ''}.`
);
const listed = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
console.log(`Events: ${listed(totals)}`);
console.log(`Operations: ${listed(operationTotals)}`);
process.exitCode = failed.length > 0 ? 1 : 0;
