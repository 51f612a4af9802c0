import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepPaint } from '../../src/lib/storage/presentPaints.ts';
import { markStored } from '../../src/lib/storage/copyMarks.ts';
import { presentPaintScript, splitPreloads } from '../../src/lib/ui/presentPaintScript.ts';
import { MemoryStorage, paintOf } from '../support/browserStorage.ts';

/*
 * The present screen's inline script, run as a page runs it (its own global scope) against
 * a page of stubs, with storage written by the app's own modules: both sides must agree on
 * keys and forms.
 */

interface Element {
  id: string;
  textContent: string;
  innerHTML: string;
  inert: boolean;
  attributes: Record<string, string>;
  removed: boolean;
  setAttribute(name: string, value: string): void;
  remove(): void;
}

function element(): Element {
  return {
    id: '',
    textContent: '',
    innerHTML: '',
    inert: false,
    attributes: {},
    removed: false,
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    remove() {
      this.removed = true;
    }
  };
}

interface PageRun {
  head: unknown[];
  body: Element[];
  storageRead: boolean;
  /** Runs what the page scheduled (animation frame, then timers). */
  later(): void;
}

function runPage(options: {
  storage: MemoryStorage | 'denied';
  path?: string;
  build?: string;
  size?: { w: number; h: number; dpr: number };
  /** The hub's present page has the route's module preloads in a template. */
  preloads?: boolean;
}): PageRun {
  const { w, h, dpr } = options.size ?? { w: 1920, h: 1080, dpr: 1 };
  const preloads = { content: 'preloads' };
  const head: unknown[] = [];
  const body: Element[] = [];
  const scheduled: (() => void)[] = [];
  let storageRead = false;
  const document = {
    getElementById: (id: string) => (id === 'kring-preload' && options.preloads ? preloads : null),
    documentElement: {
      getAttribute: (name: string) => (name === 'data-build' ? (options.build ?? 'b1') : null)
    },
    head: { appendChild: (child: unknown) => head.push(child) },
    body: { appendChild: (child: Element) => body.push(child) },
    createElement: () => element()
  };
  const page = {
    document,
    location: { pathname: options.path ?? '/s/abc123/present' },
    get localStorage() {
      storageRead = true;
      if (options.storage === 'denied') throw new DOMException('denied', 'SecurityError');
      return options.storage;
    },
    innerWidth: w,
    innerHeight: h,
    devicePixelRatio: dpr,
    requestAnimationFrame: (callback: () => void) => scheduled.push(callback),
    setTimeout: (callback: () => void, ms = 0) => {
      if (ms < 1000) scheduled.push(callback);
    }
  };
  runInNewContext(presentPaintScript, page);
  return {
    head,
    body,
    storageRead,
    later() {
      while (scheduled.length) scheduled.shift()?.();
    }
  };
}

/** Storage as the app leaves it: a paint of session abc123 at `state`, and the room's mark. */
function deviceWith(state: Record<string, number>, mark: Record<string, number>): MemoryStorage {
  const storage = new MemoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
  keepPaint('abc123', paintOf('room1', state), '.present{display:grid}');
  markStored('room1', mark);
  vi.unstubAllGlobals();
  return storage;
}

describe('the present screen’s first paint script', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('paints the kept board at once, inert and hidden from assistive technology', () => {
    const page = runPage({ storage: deviceWith({ 1: 5, 2: 3 }, { 1: 5, 2: 2 }), preloads: true });
    const [layer] = page.body;
    expect(page.body).toHaveLength(1);
    expect(layer?.id).toBe('present-paint');
    expect(layer?.innerHTML).toBe('<main class="present">room1</main>');
    expect(layer?.inert).toBe(true);
    expect(layer?.attributes['aria-hidden']).toBe('true');
    // The hub's page brings the route's styles; the preloads wait for the painted frame.
    expect(page.head).toEqual([]);
    page.later();
    expect(page.head).toEqual(['preloads']);
  });

  it('brings the styles of its build along on the offline shell', () => {
    const storage = deviceWith({ 1: 5 }, { 1: 5 });
    const page = runPage({ storage });
    expect(page.body).toHaveLength(1);
    expect(page.head).toMatchObject([
      { id: 'present-paint-styles', textContent: '.present{display:grid}' }
    ]);
    expect(runPage({ storage, build: 'b2' }).body).toHaveLength(0);
  });

  it('paints nothing, and preloads at once, when the paint may not show what the device holds', () => {
    const cases = [
      // A window of this device stored a change the paint does not show.
      runPage({ storage: deviceWith({ 1: 5 }, { 1: 6 }), preloads: true }),
      runPage({ storage: deviceWith({ 1: 5 }, { 1: 5, 2: 1 }), preloads: true }),
      // Another build, another window size or pixel ratio.
      runPage({ storage: deviceWith({ 1: 5 }, { 1: 5 }), build: 'b2', preloads: true }),
      runPage({
        storage: deviceWith({ 1: 5 }, { 1: 5 }),
        size: { w: 1280, h: 720, dpr: 1 },
        preloads: true
      }),
      runPage({
        storage: deviceWith({ 1: 5 }, { 1: 5 }),
        size: { w: 1920, h: 1080, dpr: 2 },
        preloads: true
      }),
      // Another session's screen, no paint, damaged storage, storage switched off.
      runPage({
        storage: deviceWith({ 1: 5 }, { 1: 5 }),
        path: '/s/other/present',
        preloads: true
      }),
      runPage({ storage: new MemoryStorage(), preloads: true }),
      runPage({ storage: damaged(), preloads: true }),
      runPage({ storage: 'denied', preloads: true })
    ];
    for (const page of cases) {
      expect(page.body).toHaveLength(0);
      expect(page.head).toEqual(['preloads']);
    }
  });

  it('does not touch storage on any other page', () => {
    for (const path of ['/', '/s/abc123', '/s/abc123/report', '/templates']) {
      const page = runPage({ storage: 'denied', path, preloads: true });
      expect(page.storageRead).toBe(false);
      expect(page.body).toHaveLength(0);
      expect(page.head).toEqual(['preloads']);
    }
  });
});

describe('the present page’s preloads', () => {
  it('become a template, and the header keeps its other entries', () => {
    const link =
      '</_app/immutable/entry/start.Bg.js>; rel="modulepreload"; nopush, ' +
      '</_app/immutable/chunks/By8.js>; rel="modulepreload"; nopush, ' +
      '</fonts/a.woff2>; rel="preload"; as="font"; crossorigin';
    expect(splitPreloads(link)).toEqual({
      template:
        '<template id="kring-preload"><link rel="modulepreload" href="/_app/immutable/entry/start.Bg.js">' +
        '<link rel="modulepreload" href="/_app/immutable/chunks/By8.js"></template>',
      rest: '</fonts/a.woff2>; rel="preload"; as="font"; crossorigin'
    });
    expect(splitPreloads('</a.js>; rel="modulepreload"').rest).toBe('');
  });
});

function damaged(): MemoryStorage {
  const storage = deviceWith({ 1: 5 }, { 1: 5 });
  storage.setItem('kring-present:abc123', '{"v":1,"build":');
  return storage;
}
