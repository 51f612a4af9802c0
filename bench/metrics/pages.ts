// Page metrics in real Chromium against a real hub on 127.0.0.1: the join page on a phone
// (bytes and time to interactive), a person's first idea, the present screen (first render,
// smoothness), reopening a session from IndexedDB and checking its signatures; beside each
// page timing, its floor (bench/lib/floors.ts).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import {
  atRest,
  holdBackSockets,
  launchChromium,
  median,
  newDevice,
  phoneSize,
  phoneUrl,
  projectorSize,
  readMark,
  recordMarks,
  traceRun,
  traceTasks,
  type TaskTimes,
  waitForMark
} from '../lib/browser.ts';
import {
  captureScreen,
  idbFloor,
  idbSeedPage,
  inlineFloor,
  ratio,
  type ScreenCapture,
  staticFloor
} from '../lib/floors.ts';
import { ParticipantPool } from '../lib/participantPool.ts';
import { fixedHeaders } from '../../src/hub/httpHeaders.ts';
import { startHub } from '../lib/processes.ts';
import { brokenNote, type BenchGroup, type MetricName, type MetricResult } from '../lib/result.ts';
import { seedRoom } from '../lib/seed.ts';
import {
  boardReady,
  boardStep,
  facilitate,
  html,
  ideaField,
  nameField,
  type Shared
} from '../lib/appSession.ts';
import { StaticServer } from '../lib/staticServer.ts';
import { round, sleep } from '../lib/stats.ts';
import { firstIdea } from './firstIdea.ts';
import { verifyRecords } from './verify.ts';

interface ResourceSize {
  readonly name: string;
  /** When the request started, in ms since navigation start. */
  readonly start: number;
  readonly encoded: number;
  readonly decoded: number;
}

function jsResources(page: Page): Promise<ResourceSize[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({
        name: new URL(entry.name).pathname,
        start: entry.startTime,
        encoded: entry.encodedBodySize,
        decoded: entry.decodedBodySize
      }))
  );
}

const kib = (bytes: number): number => round(bytes / 1024);
const sum = (list: readonly ResourceSize[], key: 'encoded' | 'decoded'): number =>
  list.reduce((total, entry) => total + entry[key], 0);

/**
 * JavaScript a phone downloads to open a join link, until the board is interactive (name step
 * included), with Chromium asking for gzip only; then what loads lazily afterwards.
 */
export async function joinTransfer({ hub, browser, context }: Shared): Promise<MetricResult[]> {
  const laptop = await newDevice(browser, projectorSize);
  const device = await newDevice(browser, phoneSize);
  try {
    const room = await facilitate(laptop, hub.url, 'Bench: join');
    // Chromium would ask for Brotli too; the budget is in gzip (what every phone takes).
    await device.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip' });
    const page = await device.newPage();
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) encodings.set(path, response.headers()['content-encoding'] ?? '');
    });
    await recordMarks(page, {
      nameForm: { selector: nameField, count: 1 },
      board: { selector: `${boardReady}, ${ideaField}`, count: 2 }
    });
    await page.goto(room.joinUrl);
    const nameShown = await waitForMark(page, 'nameForm');
    if (await page.evaluate(() => window.isSecureContext))
      throw new Error('the join page is a secure context here, unlike on a phone');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    const boardShown = await waitForMark(page, 'board');
    // Let whatever is imported after the board (peer-to-peer) arrive.
    await sleep(3000);
    const all = await jsResources(page);
    const atNameForm = all.filter((entry) => entry.start <= nameShown);
    const atBoard = all.filter((entry) => entry.start <= boardShown);
    const lazy = all.filter((entry) => entry.start > boardShown);
    const notGzip = [...encodings].filter(([, encoding]) => encoding !== 'gzip');
    const html = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return nav?.encodedBodySize ?? 0;
    });
    context.log(
      `join page JS (gzip): ${kib(sum(atNameForm, 'encoded'))} KiB to the name step, ` +
        `${kib(sum(atBoard, 'encoded'))} KiB to the board (${atBoard.length} files), ` +
        `then ${kib(sum(lazy, 'encoded'))} KiB lazily (${lazy.map((e) => e.name.split('/').pop()).join(', ')})`
    );
    const largest = [...atBoard].sort((a, b) => b.encoded - a.encoded).slice(0, 3);
    return [
      {
        metric: 'join_js_gzip_kb',
        value: kib(sum(atBoard, 'encoded')),
        note:
          notGzip.length > 0
            ? `not gzip: ${notGzip.map(([path, enc]) => `${path} (${enc || 'identity'})`).join(', ')}`
            : undefined,
        details: {
          files_to_board: atBoard.length,
          to_name_step_kib: kib(sum(atNameForm, 'encoded')),
          uncompressed_to_board_kib: kib(sum(atBoard, 'decoded')),
          lazy_after_board_kib: kib(sum(lazy, 'encoded')),
          lazy_files: lazy.length,
          html_gzip_kib: kib(html),
          largest: largest.map((e) => `${e.name.split('/').pop()} ${kib(e.encoded)}`).join('; ')
        }
      }
    ];
  } finally {
    await device.close();
    await laptop.close();
  }
}

/**
 * A phone with a 4x slower CPU opens a join link for the first time (empty cache): time from
 * navigation to the name step being usable, then from pressing "Meedoen" to the board with the
 * idea field; and a returning participant (cached, no name step) from navigation to the board.
 */
export async function joinReady({ hub, browser, pages, context }: Shared): Promise<MetricResult[]> {
  const runs = context.quick ? 1 : 3;
  const laptop = await newDevice(browser, projectorSize);
  const nameStep: number[] = [];
  const clickToBoard: number[] = [];
  const returning: number[] = [];
  const floor: number[] = [];
  const throttled = async (device: BrowserContext): Promise<Page> => {
    const page = await device.newPage();
    const cdp = await device.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await recordMarks(page, {
      nameForm: { selector: nameField, count: 1 },
      board: { selector: `${boardReady}, ${ideaField}`, count: 2 }
    });
    return page;
  };
  try {
    const room = await facilitate(laptop, hub.url, 'Bench: join, 4x CPU');
    for (let run = 0; run < runs; run++) {
      const device = await newDevice(browser, phoneSize);
      try {
        const page = await throttled(device);
        const stopTrace = await traceRun(browser, page, context.profileDir, `join-4x-${run + 1}`);
        await page.goto(room.joinUrl);
        nameStep.push(await waitForMark(page, 'nameForm'));
        await page.getByRole('button', { name: 'Meedoen' }).click();
        const board = await waitForMark(page, 'board');
        await stopTrace();
        clickToBoard.push(board - (await readMark(page, 'submit')));
        // Back later: cached code, already joined, so straight to the board. (Someone new sees
        // the first screen before the session's code has come in: wait for it, as "later" does.)
        await page.waitForLoadState('networkidle');
        await page.reload();
        returning.push(await waitForMark(page, 'board'));
      } finally {
        await device.close();
      }
    }
    // The floor: the name step as a static page (same markup and styles), same phone.
    const capturing = await newDevice(browser, phoneSize);
    try {
      const page = await capturing.newPage();
      await page.goto(room.joinUrl);
      await page.locator(nameField).waitFor();
      pages.put('/join-floor.html', html, staticFloor(await captureScreen(page)));
    } finally {
      await capturing.close();
    }
    const floorUrl = `${phoneUrl(pages.url)}/join-floor.html`;
    for (let run = 0; run < runs; run++) {
      const device = await newDevice(browser, phoneSize);
      try {
        const page = await throttled(device);
        await page.goto(floorUrl);
        floor.push(await waitForMark(page, 'nameForm'));
      } finally {
        await device.close();
      }
    }
  } finally {
    await laptop.close();
  }
  const value = median(nameStep);
  context.log(
    `4x CPU, ${runs} run(s): navigation → name step ${nameStep.map(round).join(' / ')} ms ` +
      `(floor: a static page with the same field ${floor.map(round).join(' / ')} ms); ` +
      `"Meedoen" → board ${clickToBoard.map(round).join(' / ')} ms; ` +
      `returning, navigation → board ${returning.map(round).join(' / ')} ms`
  );
  return [
    {
      metric: 'join_ready_ms_cpu4x',
      value: round(value),
      details: {
        runs,
        measured: 'first visit, empty cache: navigation start to the name form on screen',
        join_click_to_board_ms: round(median(clickToBoard)),
        first_visit_total_ms: round(value + median(clickToBoard)),
        returning_navigation_to_board_ms: round(median(returning))
      }
    },
    {
      metric: 'join_ready_ms_cpu4x_ratio',
      value: ratio(value, median(floor)),
      details: { floor_ms: round(median(floor)), kring_ms: round(value) }
    }
  ];
}

async function waitForNotes(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (n: number) => document.getElementsByClassName('note').length >= n,
    count,
    { timeout: timeoutMs, polling: 100 }
  );
}

/**
 * The present screen opened on a board with 500 notes (its device already holds them, as the
 * facilitator's laptop does): navigation to all 500 notes on screen. Once the screen has shown
 * the board, a window opened again starts from its first paint (ui/presentPaintScript.ts):
 * the metric is the median of those reopenings; the first opening on the device (no paint
 * yet) and when the live board took over are in the details.
 */
export async function presentRender({
  hub,
  browser,
  pages,
  context
}: Shared): Promise<MetricResult[]> {
  const runs = context.quick ? 1 : 3;
  const device = await newDevice(browser, projectorSize);
  // The projector fits its board to the screen and pages a column that does not fit even at
  // the smallest readable size: the board is on screen once it is laid out with all 500,
  // painted or live (`#main`: the live screen; the paint's copy has no ids).
  const full = '.projector-board[data-layout="done"][data-notes="500"]';
  const marks = {
    board: { selector: '.present .projector-board .column', count: boardStep.columns.length },
    notes: { selector: `.present ${full}`, count: 1 },
    live: { selector: `#main ${full}`, count: 1 },
    painted: { selector: '#present-paint', count: 1 }
  };
  try {
    const session = await facilitate(device, hub.url, 'Bench: 500 ideeën');
    await seedRoom(hub.url, session, { stepId: boardStep.id, notes: 500, votes: 0 });
    await waitForNotes(session.page, 500);
    const open = async (name: string) => {
      const page = await device.newPage();
      await recordMarks(page, marks);
      const stopTrace = await traceRun(browser, page, context.profileDir, name);
      await page.goto(`${hub.url}/s/${session.id}/present`);
      const notes = await waitForMark(page, 'notes');
      await stopTrace();
      const live = await waitForMark(page, 'live');
      await page.waitForSelector('#present-paint', { state: 'detached' });
      // The screen keeps its paint a moment after it is drawn (and after each change).
      await page.waitForFunction(
        (id: string) => localStorage.getItem(`kring-present:${id}`) !== null,
        session.id
      );
      const timing = {
        notes,
        live,
        board: await readMark(page, 'board'),
        painted: Number.isFinite(await readMark(page, 'painted'))
      };
      return { page, timing };
    };
    const first = await open('present-500-first');
    await first.page.close();
    const times: number[] = [];
    const liveTimes: number[] = [];
    let painted = 0;
    let capture: ScreenCapture | undefined;
    for (let run = 0; run < runs; run++) {
      const { page, timing } = await open(`present-500-${run + 1}`);
      times.push(timing.notes);
      liveTimes.push(timing.live);
      if (timing.painted) painted++;
      if (run === runs - 1) capture = await captureScreen(page, '#main li.note');
      await page.close();
    }
    if (!capture) throw new Error('the present screen was not captured');
    const plainFloor = pages.put('/present-floor.html', html, inlineFloor(capture));
    const headersFloor = pages.put(
      '/present-floor-headers.html',
      html,
      inlineFloor(capture),
      fixedHeaders
    );
    const floorMarks = { notes: { selector: '.present .note', count: capture.notes.length } };
    const floor: number[] = [];
    const floorWithHeaders: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const [url, times] of [
        [plainFloor, floor],
        [headersFloor, floorWithHeaders]
      ] as const) {
        const page = await device.newPage();
        await recordMarks(page, floorMarks);
        await page.goto(url);
        times.push(await waitForMark(page, 'notes'));
        await page.close();
      }
    }
    const value = median(times);
    const floorMs = median(floor);
    context.log(
      `present, 500 notes, opened again (${painted} of ${runs} from the first paint): ` +
        `navigation → all notes ${times.map(round).join(' / ')} ms, the live board ` +
        `${liveTimes.map(round).join(' / ')} ms; opened the first time on this device: ` +
        `${round(first.timing.notes)} ms (board columns at ${round(first.timing.board)} ms); ` +
        `floor: the same cards from a JSON array ${floor.map(round).join(' / ')} ms; with the ` +
        `hub's security headers ${floorWithHeaders.map(round).join(' / ')} ms`
    );
    return [
      {
        metric: 'present_render_500_ms',
        value: round(value),
        details: {
          runs,
          measured: 'opened again on the device that showed the board before',
          from_first_paint: painted,
          live_board_ms: round(median(liveTimes)),
          first_open_ms: round(first.timing.notes),
          first_open_columns_ms: round(first.timing.board)
        }
      },
      {
        metric: 'present_render_500_ms_ratio',
        value: ratio(value, floorMs),
        details: {
          floor_ms: round(floorMs),
          kring_ms: round(value),
          floor_with_security_headers_ms: round(median(floorWithHeaders)),
          first_open_ratio: ratio(first.timing.notes, floorMs),
          live_board_ratio: ratio(median(liveTimes), floorMs)
        }
      }
    ];
  } finally {
    await device.close();
  }
}

interface FrameLog {
  deltas: number[];
  loaf: number[];
  /** Per long animation frame: its longest script (what started it, in which file). */
  loafScript: string[];
  running: boolean;
}

/** 80 phones each add one idea within 10 s while the present screen shows the board. */
export async function presentFrames({ hub, browser, context }: Shared): Promise<MetricResult[]> {
  const device = await newDevice(browser, projectorSize);
  const pool = new ParticipantPool(1);
  try {
    const session = await facilitate(device, hub.url, 'Bench: 80 ideeën');
    const present = await device.newPage();
    await present.goto(`${hub.url}/s/${session.id}/present`);
    await present.locator('.present .projector-board .column').first().waitFor();
    await pool.join(hub.url, [session.roomKey], 80, boardStep);
    await present.getByText('80 deelnemers').waitFor({ timeout: 30_000 });
    await sleep(1000);
    await present.evaluate(() => {
      const log: FrameLog = { deltas: [], loaf: [], loafScript: [], running: true };
      (window as unknown as { __frames: FrameLog }).__frames = log;
      let last = 0;
      const tick = (time: number): void => {
        if (last > 0) log.deltas.push(time - last);
        last = time;
        if (log.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      try {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            log.loaf.push(entry.duration);
            // PerformanceLongAnimationFrameTiming: not in TypeScript's DOM types yet.
            const scripts = (
              entry as unknown as { scripts: { invoker: string; duration: number }[] }
            ).scripts;
            const longest = [...scripts].sort((a, b) => b.duration - a.duration)[0];
            log.loafScript.push(
              longest
                ? `${longest.invoker.split('/').pop()} ${Math.round(longest.duration)} ms`
                : 'no script'
            );
          }
        }).observe({ type: 'long-animation-frame' });
      } catch {
        // Not supported: the rAF intervals still tell.
      }
    });
    const stopTrace = await traceRun(browser, present, context.profileDir, 'present-frames');
    await pool.add(10_000, 10_000);
    // Counted by the board (a full column shows its notes in pages).
    const notesOnBoard = (count: number): Promise<unknown> =>
      present.waitForFunction(
        (n) => Number(document.querySelector('.projector-board')?.getAttribute('data-notes')) >= n,
        count,
        { timeout: 10_000, polling: 100 }
      );
    await notesOnBoard(80);
    await sleep(500);
    await stopTrace();
    const frames = await present.evaluate(() => {
      const log = (window as unknown as { __frames: FrameLog }).__frames;
      log.running = false;
      return { deltas: log.deltas, loaf: log.loaf, loafScript: log.loafScript };
    });
    // What the longest frames are made of, in a second round of 80 ideas (a trace, even a
    // light one, costs frames of its own): the page's longest tasks, wall time and CPU time.
    let tasks: TaskTimes | undefined;
    if (!context.profileDir) {
      const stopTasks = await traceTasks(browser, present);
      await pool.add(10_000, 10_000);
      await notesOnBoard(160);
      await sleep(500);
      tasks = await stopTasks();
    }
    const longest = Math.max(...frames.deltas);
    const over50 = frames.deltas.filter((delta) => delta > 50).length;
    const sorted = [...frames.deltas].sort((a, b) => a - b);
    context.log(
      `present while 80 notes arrive in 10 s: ${frames.deltas.length} frames, longest ` +
        `${round(longest)} ms, ${over50} over 50 ms; long animation frames: ` +
        `${frames.loaf.length} (longest ${round(Math.max(0, ...frames.loaf))} ms; their longest ` +
        `scripts: ${frames.loafScript.join(', ') || 'none'})` +
        (tasks
          ? `; in a second round, traced: longest task ${round(tasks.longestWallMs)} ms of which ${round(tasks.longestWallCpuMs)} ms ` +
            `on the CPU, most CPU in one task ${round(tasks.longestCpuMs)} ms (${round(tasks.longestCpuWallMs)} ms wall)`
          : '')
    );
    return [
      {
        metric: 'present_longest_frame_ms',
        value: round(longest),
        details: {
          frames: frames.deltas.length,
          frames_over_50ms: over50,
          median_frame_ms: round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
          long_animation_frames: frames.loaf.length,
          longest_long_animation_frame_ms: round(Math.max(0, ...frames.loaf)),
          long_animation_frame_scripts: frames.loafScript.join('; '),
          ...(tasks && {
            longest_task_ms: round(tasks.longestWallMs),
            longest_task_cpu_ms: round(tasks.longestWallCpuMs),
            most_cpu_in_one_task_ms: round(tasks.longestCpuMs)
          })
        }
      }
    ];
  } finally {
    pool.close();
    await device.close();
  }
}

/**
 * A session of 1,000 ideas from 80 phones, edited and moved (and as many dots as the script
 * allows on that board) on the facilitator's laptop, reopened with the network held back:
 * navigation to all 1,000 ideas on screen.
 */
export async function loadFromIdb({
  hub,
  browser,
  pages,
  context
}: Shared): Promise<MetricResult[]> {
  const runs = context.quick ? 1 : 3;
  const device = await newDevice(browser, projectorSize);
  const marks = {
    board: {
      selector: '.facilitate .facilitator-board .column',
      count: boardStep.columns.length
    },
    notes: { selector: '.facilitate .note', count: 1000 }
  };
  try {
    const session = await facilitate(device, hub.url, 'Bench: 1000 ideeën');
    // As many of the 4,000 dots as the script's votes on this board take (Warm startmoment
    // has none on it: this session is 1,000 ideas, edited and moved).
    const model = await seedRoom(hub.url, session, {
      stepId: boardStep.id,
      notes: 1000,
      votes: 4000
    });
    await waitForNotes(session.page, 1000);
    // y-indexeddb writes as updates arrive and compacts a second after 500 of them.
    await sleep(2500);
    const page = session.page;
    await holdBackSockets(page, /\/(sync|signal)/);
    await recordMarks(page, marks);
    const times: number[] = [];
    const boardShown: number[] = [];
    const painted: number[] = [];
    for (let run = 0; run < runs; run++) {
      const stopTrace = await traceRun(browser, page, context.profileDir, `idb-1000-${run + 1}`);
      await page.reload();
      times.push(await waitForMark(page, 'notes'));
      painted.push(await waitForMark(page, 'notes:painted'));
      await stopTrace();
      boardShown.push(await readMark(page, 'board'));
      await atRest(page);
    }
    const offline = await page.getByText('Verbonden via de hub').count();
    if (offline !== 0) throw new Error('the reloaded page reached the hub');
    // The floor: the same 1,000 notes as plain records in IndexedDB (one getAll), rendered
    // into the same markup with the same styles.
    const capture = await captureScreen(page);
    const floorPage = await device.newPage();
    await floorPage.goto(pages.put('/idb-seed.html', html, idbSeedPage(capture)));
    await floorPage.waitForFunction(() => document.title === 'stored');
    await recordMarks(floorPage, marks);
    await floorPage.goto(pages.put('/idb-floor.html', html, idbFloor(capture)));
    const floor = [await waitForMark(floorPage, 'notes')];
    const floorPainted = [await waitForMark(floorPage, 'notes:painted')];
    for (let run = 1; run < runs; run++) {
      await atRest(floorPage);
      const stopFloorTrace = await traceRun(
        browser,
        floorPage,
        context.profileDir,
        `idb-floor-${run + 1}`
      );
      await floorPage.reload();
      floor.push(await waitForMark(floorPage, 'notes'));
      floorPainted.push(await waitForMark(floorPage, 'notes:painted'));
      await stopFloorTrace();
    }
    const value = median(times);
    context.log(
      `facilitate screen from IndexedDB, 1000 notes: navigation → all notes ` +
        `${times.map(round).join(' / ')} ms (columns at ${boardShown.map(round).join(' / ')} ms, ` +
        `drawn at ${painted.map(round).join(' / ')} ms; floor: plain records from IndexedDB ` +
        `${floor.map(round).join(' / ')} ms, drawn at ${floorPainted.map(round).join(' / ')} ms)`
    );
    return [
      {
        metric: 'load_from_idb_ms_1000',
        value: round(value),
        details: {
          runs,
          screen: 'facilitate (/s/<id>), sync sockets held back',
          navigation_to_columns_ms: round(median(boardShown)),
          // The frame with all notes drawn (its style, layout and paint done), and the floor's.
          navigation_to_drawn_ms: round(median(painted)),
          floor_drawn_ms: round(median(floorPainted)),
          notes: model.notes,
          votes: model.votes
        }
      },
      {
        metric: 'load_from_idb_ms_1000_ratio',
        value: ratio(value, median(floor)),
        details: {
          floor_ms: round(median(floor)),
          kring_ms: round(value),
          drawn_ratio: ratio(median(painted), median(floorPainted))
        }
      }
    ];
  } finally {
    await device.close();
  }
}

/** Each page benchmark with the metrics it measures (a timing and its floor ratio together). */
const pageMetrics: ReadonlyArray<
  [readonly MetricName[], (shared: Shared) => Promise<MetricResult[]>]
> = [
  [['join_js_gzip_kb'], joinTransfer],
  [['join_ready_ms_cpu4x', 'join_ready_ms_cpu4x_ratio'], joinReady],
  [['first_idea_ms_cpu4x'], firstIdea],
  [['present_render_500_ms', 'present_render_500_ms_ratio'], presentRender],
  [['present_longest_frame_ms'], presentFrames],
  [['load_from_idb_ms_1000', 'load_from_idb_ms_1000_ratio'], loadFromIdb],
  [['verify_1000_ms'], verifyRecords]
];

export const pageGroups: readonly BenchGroup[] = [
  {
    name: 'pages in Chromium',
    metrics: pageMetrics.flatMap(([metrics]) => metrics),
    async run(context) {
      const dataDir = mkdtempSync(join(context.tmpDir, 'hub-pages-'));
      const hub = await startHub(dataDir, context.hubNodeArgs);
      const browser = await launchChromium();
      const pages = await StaticServer.start();
      const results: MetricResult[] = [];
      try {
        for (const [metrics, measure] of pageMetrics) {
          if (!metrics.some((metric) => context.wanted.has(metric))) continue;
          try {
            const measured = await measure({ hub, browser, pages, context });
            results.push(...measured.filter((result) => context.wanted.has(result.metric)));
          } catch (error) {
            context.log(`${metrics[0]} failed: ${error instanceof Error ? error.message : error}`);
            for (const metric of metrics)
              if (context.wanted.has(metric))
                results.push({ metric, value: null, note: brokenNote });
          }
        }
      } finally {
        await pages.close();
        await browser.close();
        await hub.stop();
      }
      return results;
    }
  }
];
