// npm run bench [-- --quick] [-- --only <metric>[,<metric>…]] [-- --cpu-prof]
// Runs the performance budgets of issue 7 on this machine, prints a table and writes
// bench/results.json. Not part of `npm test`: timings belong here, not in assertions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { docGroup } from './metrics/doc.ts';
import { exportGroup } from './metrics/exports.ts';
import { pageGroups } from './metrics/pages.ts';
import { hostedGroup } from './metrics/hosted.ts';
import { capacityGroup, syncGroup } from './metrics/sync.ts';
import { loadAverage, repoRoot } from './lib/processes.ts';
import {
  brokenNote,
  metricNames,
  metricsNamed,
  metricSpecs,
  verdict,
  type BenchContext,
  type BenchGroup,
  type MetricName,
  type MetricResult
} from './lib/result.ts';

const groups: readonly BenchGroup[] = [
  docGroup,
  exportGroup,
  ...pageGroups,
  syncGroup,
  capacityGroup,
  hostedGroup
];

// Outside the repository (and kept after the run): open them in Chromium's DevTools.
const profileDir = join(tmpdir(), 'kring-bench-profiles');

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  }
});

if (values.help) {
  console.log(`npm run bench -- [--quick] [--only <metric>[,<metric>]] [--cpu-prof]

  --quick      shorter load windows and fewer steps (for development; numbers are noisier)
  --only       measure only these metrics (repeatable or comma-separated); a prefix such
               as "hosted" names all its metrics
  --cpu-prof   write CPU profiles of the hub processes, and Chromium traces of the page
               metrics' runs (open them in DevTools' Performance panel), to ${profileDir}

Metrics: ${metricNames.join(', ')}`);
  process.exit(0);
}

const requested = (values.only ?? []).flatMap((entry) => entry.split(',')).filter(Boolean);
const unknown = requested.filter((name) => metricsNamed(name).length === 0);
if (unknown.length > 0) {
  console.error(`Unknown metric: ${unknown.join(', ')}. Known: ${metricNames.join(', ')}`);
  process.exit(2);
}
const wanted = new Set<MetricName>(
  requested.length > 0 ? requested.flatMap(metricsNamed) : metricNames
);

const tmpDir = mkdtempSync(join(tmpdir(), 'kring-bench-'));
const context: BenchContext = {
  quick: values.quick,
  wanted,
  tmpDir,
  hubNodeArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  profileDir: values['cpu-prof'] ? profileDir : undefined,
  log: (message) => console.log(`  ${message}`)
};

function chromiumVersion(): string {
  try {
    return execFileSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim();
  } catch {
    return 'unknown';
  }
}

if (values['cpu-prof']) console.log(`Hub CPU profiles and page traces go to ${profileDir}`);

// Ctrl-C or a kill: leave through process.exit so no hub or relay process is left behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const started = new Date();
const loadBefore = loadAverage();
console.log(`Kring benchmarks, ${started.toISOString()}${values.quick ? ' (quick)' : ''}`);
console.log(
  `  ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${chromiumVersion()}`
);
console.log(`  load average before: ${loadBefore}`);
// The build (and the generated messages some metrics import) comes first: `npm run bench`.

const results: MetricResult[] = [];
try {
  for (const group of groups) {
    if (!group.metrics.some((metric) => wanted.has(metric))) continue;
    console.log(`\n${group.name} (load average ${loadAverage()})`);
    const t0 = performance.now();
    try {
      results.push(...(await group.run(context)));
    } catch (error) {
      console.error(`  failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      for (const metric of group.metrics)
        if (wanted.has(metric)) results.push({ metric, value: null, note: brokenNote });
    }
    console.log(`  (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}

results.sort((a, b) => metricNames.indexOf(a.metric) - metricNames.indexOf(b.metric));

const rows = results.map((result) => {
  const spec = metricSpecs[result.metric];
  return [
    result.metric,
    result.value === null ? '—' : String(result.value),
    spec.unit,
    `${spec.direction === 'atMost' ? '≤' : '≥'} ${spec.budget}`,
    verdict(result)
  ];
});
const header = ['metric', 'value', 'unit', 'budget', 'result'];
const widths = header.map((title, i) =>
  Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0))
);
const line = (cells: readonly string[]): string =>
  `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;

console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(row));
for (const result of results) {
  if (result.note) console.log(`  ${result.metric}: ${result.note}`);
}
console.log('\nDetails:');
for (const result of results) {
  if (!result.details) continue;
  const parts = Object.entries(result.details).map(([key, value]) => `${key}=${value}`);
  console.log(`  ${result.metric}: ${parts.join(', ')}`);
}
const minutes = Math.round((Date.now() - started.getTime()) / 6000) / 10;
console.log(`\nload average after: ${loadAverage()}; took ${minutes} min`);

const json: Record<string, unknown> = {};
for (const result of results) {
  const spec = metricSpecs[result.metric];
  json[result.metric] = {
    value: result.value,
    unit: spec.unit,
    budget: spec.budget,
    ...(result.note ? { note: result.note } : {}),
    ...(result.details ? { details: result.details } : {})
  };
}
const resultsFile = join(repoRoot, 'bench', 'results.json');
writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
console.log(`wrote ${resultsFile}`);
// Budgets missed are findings, not errors; a benchmark that could not run is an error.
if (results.some((result) => result.note === brokenNote)) process.exitCode = 1;
