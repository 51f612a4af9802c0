/** The note of a metric whose benchmark could not run (an error, unlike a missed budget). */
export const brokenNote = 'the benchmark failed';

/** One measured metric, as printed in the table and written to bench/results.json. */
export interface MetricResult {
  readonly metric: MetricName;
  /** null when it cannot be measured (yet); `note` says why. */
  readonly value: number | null;
  readonly note?: string;
  /** Supporting numbers (breakdowns, sample counts, CPU use), printed under the table. */
  readonly details?: Readonly<Record<string, number | string>>;
}

export interface MetricSpec {
  readonly unit: string;
  readonly budget: number;
  /** Whether the value must stay at or below the budget, or reach at least the budget. */
  readonly direction: 'atMost' | 'atLeast';
}

/**
 * The metrics and budgets of issue 16 (issue 7's, tightened). A `<metric>_ratio` is that page
 * timing divided by its floor measured in the same run: the least any page could do for the
 * same screen on this machine (bench/lib/floors.ts).
 */
export const metricSpecs = {
  sync_p95_ms_80: { unit: 'ms', budget: 25, direction: 'atMost' },
  sync_ratio_vs_bare_relay: { unit: 'ratio', budget: 1.3, direction: 'atMost' },
  hub_participants_at_250ms: { unit: 'participants', budget: 1000, direction: 'atLeast' },
  join_js_gzip_kb: { unit: 'KiB', budget: 80, direction: 'atMost' },
  join_ready_ms_cpu4x: { unit: 'ms', budget: 500, direction: 'atMost' },
  join_ready_ms_cpu4x_ratio: { unit: 'ratio', budget: 2, direction: 'atMost' },
  first_idea_ms_cpu4x: { unit: 'ms', budget: 2500, direction: 'atMost' },
  present_render_500_ms: { unit: 'ms', budget: 300, direction: 'atMost' },
  present_render_500_ms_ratio: { unit: 'ratio', budget: 2, direction: 'atMost' },
  present_longest_frame_ms: { unit: 'ms', budget: 33, direction: 'atMost' },
  export_all_1000_ms: { unit: 'ms', budget: 1000, direction: 'atMost' },
  doc_kb_1000: { unit: 'KiB', budget: 300, direction: 'atMost' },
  load_from_idb_ms_1000: { unit: 'ms', budget: 200, direction: 'atMost' },
  load_from_idb_ms_1000_ratio: { unit: 'ratio', budget: 2, direction: 'atMost' },
  verify_1000_ms: { unit: 'ms', budget: 400, direction: 'atMost' },
  hub_rss_mb_400: { unit: 'MiB', budget: 150, direction: 'atMost' },
  // Hosted (issue 19): rooms of 20 phones within p95 250 ms through HAProxy, 1 and 3 hubs.
  hosted_rooms_1_hub: { unit: 'rooms', budget: 8, direction: 'atLeast' },
  hosted_rooms_3_hubs: { unit: 'rooms', budget: 8, direction: 'atLeast' },
  hosted_hubs_ratio: { unit: 'ratio', budget: 1, direction: 'atLeast' },
  hosted_failover_ms: { unit: 'ms', budget: 10000, direction: 'atMost' }
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof metricSpecs;

export const metricNames = Object.keys(metricSpecs) as MetricName[];

/**
 * The metrics a name asks for: itself and every metric named `<name>_…` (`hosted`: all hosted
 * metrics; a page timing: also its ratio to the floor, measured with it).
 */
export function metricsNamed(name: string): MetricName[] {
  return metricNames.filter((metric) => metric === name || metric.startsWith(`${name}_`));
}

/** pass / FAIL, or n/a for a value that could not be measured. */
export function verdict(result: MetricResult): 'pass' | 'FAIL' | 'n/a' {
  if (result.value === null || !Number.isFinite(result.value)) return 'n/a';
  const spec = metricSpecs[result.metric];
  const ok =
    spec.direction === 'atMost' ? result.value <= spec.budget : result.value >= spec.budget;
  return ok ? 'pass' : 'FAIL';
}

/** How a benchmark group is run. */
export interface BenchContext {
  readonly quick: boolean;
  /** The metrics asked for; a group measures only these. */
  readonly wanted: ReadonlySet<MetricName>;
  /** A fresh folder for hub data and profiles; removed after the run. */
  readonly tmpDir: string;
  /** Extra Node flags for hub processes (e.g. --cpu-prof). */
  readonly hubNodeArgs: readonly string[];
  /** With --cpu-prof: where the page metrics write Chromium traces of each measured run. */
  readonly profileDir?: string | undefined;
  log(message: string): void;
}

/** A set of metrics measured together (they share a hub, a browser or a load run). */
export interface BenchGroup {
  readonly name: string;
  readonly metrics: readonly MetricName[];
  run(context: BenchContext): Promise<MetricResult[]>;
}
