// Floors for the page timings (issue 16): beside each of Kring's screens, measured in the same
// run on the same machine, the least any page could do to show the same thing. The floor page
// is Kring's own screen as it ended up (its markup and every style rule it had), with the
// scripts removed and the notes rendered again from plain data by a few lines of DOM code: no
// Svelte, no Yjs, no signatures, no sync. Kring / floor is the `<metric>_ratio`: unlike an
// absolute timing, it compares across machines and loads.
import type { Page } from '@playwright/test';

/** A note as plain data: the list it is in (index), its text, its author line (if shown). */
export interface FloorNote {
  readonly l: number;
  readonly t: string;
  readonly a: string | null;
}

/** A screen of Kring as captured after it rendered. */
export interface ScreenCapture {
  /** The document without scripts, styles and note items; note lists carry data-floor-list. */
  readonly html: string;
  /** Every style rule the page had, as text. */
  readonly css: string;
  /** Per note list: the markup of one of its note items (one with an author line if any). */
  readonly templates: readonly string[];
  readonly notes: readonly FloorNote[];
}

/**
 * Captures the screen a page shows: its markup, styles, and the notes matching `noteSelector`
 * as plain data. Call it after the measurement: it marks the page's note lists.
 */
export function captureScreen(page: Page, noteSelector = 'article.note'): Promise<ScreenCapture> {
  return page.evaluate((selector: string) => {
    const lists: Element[] = [];
    const templates: string[] = [];
    const notes: { l: number; t: string; a: string | null }[] = [];
    for (const note of document.querySelectorAll(selector)) {
      const item = note.parentElement?.tagName === 'LI' ? note.parentElement : note;
      const list = item.parentElement;
      if (!list) continue;
      let l = lists.indexOf(list);
      if (l < 0) {
        l = lists.push(list) - 1;
        list.setAttribute('data-floor-list', String(l));
      }
      item.setAttribute('data-floor-item', '');
      const author = note.querySelector('.author')?.textContent ?? null;
      // Other places that repeat the text (labels for screen readers) get it too.
      const text = note.querySelector('.text')?.textContent ?? '';
      for (const element of note.querySelectorAll('.visually-hidden')) {
        const own = element.textContent ?? '';
        if (text && own.endsWith(text) && element.children.length === 0)
          element.setAttribute('data-floor-text', own.slice(0, own.length - text.length));
      }
      // Cards that came in while the board was on screen play an arrival animation; the
      // floor shows them at rest, as the least a page could do.
      item.querySelector('.arriving')?.classList.remove('arriving');
      const kept = templates[l];
      if (kept === undefined || (author !== null && !kept.includes('class="author'))) {
        templates[l] = item.outerHTML;
      }
      notes.push({ l, t: text, a: author });
    }
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    const strip =
      'script, style, link[rel="stylesheet"], link[rel="modulepreload"], [data-floor-item]';
    for (const element of clone.querySelectorAll(strip)) element.remove();
    const css = [...document.styleSheets]
      .flatMap((sheet) => {
        try {
          return [...sheet.cssRules].map((rule) => rule.cssText);
        } catch {
          return [];
        }
      })
      .join('\n');
    return { html: `<!doctype html>\n${clone.outerHTML}`, css, templates, notes };
  }, noteSelector);
}

/** JSON that may stand inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/**
 * The renderer every floor page uses: one template per list, cloned per note, text set,
 * appended in one go per list. `window.renderNotes(notes)`.
 */
function rendererScript(templates: readonly string[]): string {
  return `<script>
const templates = ${scriptJson(templates)}.map((html) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild;
});
window.renderNotes = (notes) => {
  const parts = templates.map(() => document.createDocumentFragment());
  for (const note of notes) {
    const item = templates[note.l].cloneNode(true);
    item.querySelector('.text').textContent = note.t;
    for (const label of item.querySelectorAll('[data-floor-text]'))
      label.textContent = label.dataset.floorText + note.t;
    const author = item.querySelector('.author');
    if (author && note.a === null) author.remove();
    else if (author) author.textContent = note.a;
    parts[note.l].append(item);
  }
  parts.forEach((part, l) => document.querySelector('[data-floor-list="' + l + '"]').append(part));
};
</script>`;
}

function withHead(capture: ScreenCapture, body: string): string {
  const style = `<style>${capture.css}</style>`;
  return capture.html
    .replace('</head>', `${style}</head>`)
    .replace(/<\/body>(?![\s\S]*<\/body>)/, `${body}</body>`);
}

/** The screen as a static page (the join page's name step: nothing to render). */
export function staticFloor(capture: ScreenCapture): string {
  return withHead(capture, '');
}

/** The notes rendered from a JSON array in the page. */
export function inlineFloor(capture: ScreenCapture): string {
  return withHead(
    capture,
    `${rendererScript(capture.templates)}<script>renderNotes(${scriptJson(capture.notes)});</script>`
  );
}

const idbOpen = `const open = () => new Promise((resolve, reject) => {
  const request = indexedDB.open('floor', 1);
  request.onupgradeneeded = () => request.result.createObjectStore('notes', { autoIncrement: true });
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});`;

/** Stores the notes in IndexedDB as plain records (one per note), then titles itself "stored". */
export function idbSeedPage(capture: ScreenCapture): string {
  return `<!doctype html><title>seeding</title><script>
${idbOpen}
open().then((db) => {
  const tx = db.transaction('notes', 'readwrite');
  const store = tx.objectStore('notes');
  store.clear();
  for (const note of ${scriptJson(capture.notes)}) store.put(note);
  tx.oncomplete = () => (document.title = 'stored');
});
</script>`;
}

/** Reads the notes from IndexedDB (one getAll) and renders them. */
export function idbFloor(capture: ScreenCapture): string {
  return withHead(
    capture,
    `${rendererScript(capture.templates)}<script>
${idbOpen}
open().then((db) => {
  const request = db.transaction('notes').objectStore('notes').getAll();
  request.onsuccess = () => renderNotes(request.result);
});
</script>`
  );
}

/** Kring's timing over the floor's, to two decimals. */
export function ratio(kring: number, floor: number): number {
  return Math.round((kring / floor) * 100) / 100;
}
