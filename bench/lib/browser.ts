import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tests/support/chromium.ts';

export const phoneSize = { width: 390, height: 844 } as const;
export const projectorSize = { width: 1920, height: 1080 } as const;

/**
 * The host name phones use in the bench. It resolves to 127.0.0.1 inside Chromium only (the
 * hub never leaves loopback), but unlike 127.0.0.1 it is not a secure context: like a phone on
 * http://<lan-ip>, the page gets no service worker and no crypto.subtle.
 */
export const phoneHost = 'kring-hub.test';

/** The hub's URL as a phone on the room's network sees it. */
export function phoneUrl(hubUrl: string): string {
  const url = new URL(hubUrl);
  url.hostname = phoneHost;
  return url.origin;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    args: [
      ...(chromiumLaunchOptions.args ?? []),
      `--host-resolver-rules=MAP ${phoneHost} 127.0.0.1`
    ],
    headless: true
  });
}

/**
 * A fresh device. Service workers are blocked everywhere: phones on http://<lan-ip> have
 * none, and on the laptop the bench measures the app itself, not the worker's cache.
 */
export function newDevice(
  browser: Browser,
  viewport: { width: number; height: number }
): Promise<BrowserContext> {
  return browser.newContext({ viewport, serviceWorkers: 'block', locale: 'nl-BE' });
}

/** What the page records: ms since navigation start at which each target was first on screen. */
export type Marks = Record<string, number>;

export interface MarkTarget {
  readonly selector: string;
  /** How many matching elements there must be. */
  readonly count: number;
}

/**
 * Before any page script runs, watches the DOM and records, for each target, the time of the
 * first animation frame after it appeared (ms since navigation start), in `window.__marks`.
 * Also records when a form was submitted (`submit`).
 */
export async function recordMarks(
  page: Page,
  targets: Readonly<Record<string, MarkTarget>>
): Promise<void> {
  await page.addInitScript((wanted: Readonly<Record<string, MarkTarget>>) => {
    const marks: Record<string, number> = {};
    (window as unknown as { __marks: Record<string, number> }).__marks = marks;
    // Checked once per frame, in the frame's callback: a mark is the first frame in which its
    // elements are there. (Counting them on every batch of DOM changes cost the page tens of
    // milliseconds while it rendered 500 notes, which the metric then counted.)
    let scheduled = false;
    const check = (): void => {
      scheduled = false;
      for (const [name, target] of Object.entries(wanted)) {
        if (name in marks) continue;
        if (document.querySelectorAll(target.selector).length < target.count) continue;
        marks[name] = performance.now();
        // And once this frame is drawn (style, layout and paint follow the frame's callbacks;
        // a message posted now is handled after them): `<name>:painted`.
        const drawn = new MessageChannel();
        drawn.port1.onmessage = () => (marks[`${name}:painted`] = performance.now());
        drawn.port2.postMessage(null);
      }
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(check);
    };
    new MutationObserver(schedule).observe(document, {
      childList: true,
      subtree: true,
      attributes: true
    });
    document.addEventListener('submit', () => (marks['submit'] ??= performance.now()), true);
  }, targets);
}

/** Waits until the page has recorded `name`, and returns it. */
export async function waitForMark(page: Page, name: string, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(
    (mark: string) =>
      ((window as unknown as { __marks?: Record<string, number> }).__marks?.[mark] ?? -1) > 0,
    name,
    { timeout: timeoutMs, polling: 20 }
  );
  return readMark(page, name);
}

export async function readMark(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (mark: string) =>
      (window as unknown as { __marks?: Record<string, number> }).__marks?.[mark] ?? Number.NaN,
    name
  );
}

/** The median of a few runs (the middle one; the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/**
 * With a folder (`npm run bench -- --cpu-prof`): records a Chromium trace (timeline and
 * JavaScript samples, as DevTools' Performance panel does) from now until the returned
 * function is called, and writes it as `<dir>/<name>.json`. Without one, does nothing: tracing
 * costs time of its own, so the table's numbers come from runs without it only when it is off.
 */
export async function traceRun(
  browser: Browser,
  page: Page,
  dir: string | undefined,
  name: string
): Promise<() => Promise<void>> {
  if (!dir) return async () => undefined;
  await browser.startTracing(page, { screenshots: false });
  return async () => {
    const trace = await browser.stopTracing();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.json`), trace);
  };
}

/** The page's longest main-thread tasks in a light trace: wall time and the thread's own CPU time. */
export interface TaskTimes {
  /** The longest task by wall time, and the CPU time the thread spent in it. */
  readonly longestWallMs: number;
  readonly longestWallCpuMs: number;
  /** The task with the most CPU time, and its wall time. */
  readonly longestCpuMs: number;
  readonly longestCpuWallMs: number;
}

/**
 * Records the page's top-level tasks (Chromium's "toplevel" category, and the timeline's
 * metadata to find the page's process) until the returned function is called: far lighter
 * than `traceRun`, not free. A task's wall time minus its CPU time is time the page's thread
 * waited for a core: on a 2-core machine shared with the hub and 80 simulated phones, that is
 * what a long frame can be made of.
 */
export async function traceTasks(browser: Browser, page: Page): Promise<() => Promise<TaskTimes>> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata']
  });
  return async () => {
    interface TraceEvent {
      readonly name: string;
      readonly ph: string;
      readonly pid: number;
      readonly tid: number;
      readonly dur?: number;
      readonly tdur?: number;
      readonly args?: { data?: { frames?: { processId: number }[] }; name?: string };
    }
    const trace = JSON.parse((await browser.stopTracing()).toString()) as {
      traceEvents: TraceEvent[];
    };
    const events = trace.traceEvents;
    const pid = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]
      ?.processId;
    const main = events.find(
      (e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    )?.tid;
    const tasks = events
      .filter(
        (e) =>
          e.pid === pid &&
          e.tid === main &&
          e.ph === 'X' &&
          e.name === 'ThreadControllerImpl::RunTask'
      )
      .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
    if (tasks.length === 0) throw new Error('no tasks of the page in the trace');
    const byWall = tasks.reduce((a, b) => (b.wall > a.wall ? b : a));
    const byCpu = tasks.reduce((a, b) => (b.cpu > a.cpu ? b : a));
    return {
      longestWallMs: byWall.wall,
      longestWallCpuMs: byWall.cpu,
      longestCpuMs: byCpu.cpu,
      longestCpuWallMs: byCpu.wall
    };
  };
}

/**
 * From the page's next load on, its WebSockets to URLs matching `pattern` never connect (a
 * hub out of reach): a stand-in stays CONNECTING until closed. Playwright's routeWebSocket
 * did the same with a mock whose constructor cost the page 30-100 ms of main thread while it
 * opened, inside the time measured.
 */
export async function holdBackSockets(page: Page, pattern: RegExp): Promise<void> {
  await page.addInitScript((source: string) => {
    const held = new RegExp(source);
    const Real = window.WebSocket;
    class Held extends EventTarget {
      readonly url: string;
      readyState = 0;
      binaryType = 'blob';
      bufferedAmount = 0;
      extensions = '';
      protocol = '';
      onopen: ((event: Event) => void) | null = null;
      onmessage: ((event: MessageEvent) => void) | null = null;
      onerror: ((event: Event) => void) | null = null;
      onclose: ((event: CloseEvent) => void) | null = null;
      constructor(url: string | URL) {
        super();
        this.url = String(url);
      }
      send(): void {
        throw new DOMException('still connecting', 'InvalidStateError');
      }
      close(): void {
        if (this.readyState === 3) return;
        this.readyState = 3;
        const event = new CloseEvent('close', { code: 1006 });
        this.onclose?.(event);
        this.dispatchEvent(event);
      }
    }
    window.WebSocket = new Proxy(Real, {
      construct(target, args: ConstructorParameters<typeof WebSocket>) {
        return held.test(String(args[0])) ? new Held(args[0]) : Reflect.construct(target, args);
      }
    });
  }, pattern.source);
}

/**
 * Resolves once the page has had a moment with nothing to do: after a mark, a screen still
 * lays out and paints what it rendered, and the next reload would otherwise count that too
 * (in its previous page's unload).
 */
export async function atRest(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => requestIdleCallback(() => resolve(), { timeout: 5000 }), 500);
      })
  );
}
