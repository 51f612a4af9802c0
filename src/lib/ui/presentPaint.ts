import { version } from '$app/environment';
import { forgetPaint, keepPaint, type PresentPaint } from '$lib/storage/presentPaints.ts';
import { covers, sameMark } from '$lib/domain/stateMark.ts';
import { readMark } from '$lib/storage/copyMarks.ts';
import { stateOf } from '$lib/sync/storedState.ts';
import type * as Y from 'yjs';
import { handOver } from './presentPaintLayer.ts';

/*
 * The present screen's side of its first paint (presentPaintScript.ts): keeping the paint up to
 * date while the screen is open, and handing over from it once the live screen is drawn.
 */

/**
 * The screen's markup as the paint keeps it: ids and references to them dropped (the live
 * screen has them), live parts (`data-live`: timer, people) left empty at their size (their
 * values would be old, and the page would hold two of them), and no arrival animation to
 * play again.
 */
export function paintMarkup(main: HTMLElement): string {
  const sizes = [...main.querySelectorAll('[data-live]')].map((live) =>
    live.getBoundingClientRect()
  );
  const copy = main.cloneNode(true) as HTMLElement;
  for (const element of [copy, ...copy.querySelectorAll('[id]')]) element.removeAttribute('id');
  for (const element of copy.querySelectorAll('[aria-labelledby], [aria-live]')) {
    element.removeAttribute('aria-labelledby');
    element.removeAttribute('aria-live');
  }
  copy.querySelectorAll<HTMLElement>('[data-live]').forEach((element, index) => {
    element.replaceChildren();
    element.style.width = `${sizes[index]?.width ?? 0}px`;
    element.style.height = `${sizes[index]?.height ?? 0}px`;
  });
  for (const element of copy.querySelectorAll('.arriving')) element.classList.remove('arriving');
  return copy.outerHTML;
}

/** Every style rule the page has (for the offline shell), without a paint's own copy. */
function pageStyles(): string {
  const rules: string[] = [];
  for (const sheet of document.styleSheets) {
    if ((sheet.ownerNode as Element | null)?.id === 'present-paint-styles') continue;
    try {
      for (const rule of sheet.cssRules) rules.push(rule.cssText);
    } catch {
      // a sheet from elsewhere (none in Kring) cannot be read
    }
  }
  return rules.join('\n');
}

const nextFrame = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** A moment the page has nothing else to do (Safari has no idle callbacks: a timer there). */
const idle = (): Promise<void> =>
  new Promise((resolve) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(() => resolve(), { timeout: 2000 })
      : setTimeout(resolve, 50)
  );

/** Whether the screen is still working out its layout, or holds back ideas that came in. */
function laidOut(main: HTMLElement): boolean {
  return !main.querySelector('[data-layout="measuring"], [data-layout="stale"]');
}

export interface PaintSource {
  readonly sessionId: string;
  readonly roomId: string;
  readonly doc: Y.Doc;
  /** Resolves once everything the doc holds is checked and on the screen's state. */
  readonly settled: () => Promise<void>;
  /** The screen's root element, once drawn. */
  readonly main: () => HTMLElement | undefined;
  /**
   * Whether the device keeps the room's copy (IndexedDB ready): without it, the copy mark
   * says nothing, so no paint is kept.
   */
  readonly copyKept: () => boolean;
}

/**
 * Keeps the session's paint up to date while the present screen is open: a second after the
 * doc changes (at most once a second while ideas stream in), once what it holds is checked,
 * drawn and laid out, and nothing changed meanwhile; the markup is taken when the page is
 * idle. The paint then shows at least what the state it is kept with holds.
 */
export class PaintKeeper {
  readonly #source: PaintSource;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** A paint is being kept (waiting for layout and an idle moment): changes wait for it. */
  #keeping = false;
  #changedMeanwhile = false;
  #stopped = false;
  readonly #changed = (): void => this.#schedule();

  constructor(source: PaintSource) {
    this.#source = source;
    source.doc.on('afterTransaction', this.#changed);
  }

  /** Call once the live screen is drawn: hands over from the first paint, keeps a new one. */
  async shown(): Promise<void> {
    const main = await this.#whenLaidOut();
    if (this.#stopped || !main) return;
    handOver();
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#source.doc.off('afterTransaction', this.#changed);
  }

  async #whenLaidOut(): Promise<HTMLElement | undefined> {
    await this.#source.settled();
    for (let frame = 0; frame < 600 && !this.#stopped; frame++) {
      await nextFrame();
      const main = this.#source.main();
      if (main && laidOut(main)) return main;
    }
    return undefined;
  }

  #schedule(delayMs = 1000): void {
    if (this.#keeping) this.#changedMeanwhile = true;
    if (this.#stopped || this.#keeping || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#keeping = true;
      void this.#keep().finally(() => {
        this.#keeping = false;
        if (this.#changedMeanwhile) {
          this.#changedMeanwhile = false;
          this.#schedule();
        }
      });
    }, delayMs);
  }

  async #keep(): Promise<void> {
    const { doc, sessionId, roomId } = this.#source;
    const state = stateOf(doc);
    const main = await this.#whenLaidOut();
    await idle();
    if (this.#stopped || !main) return;
    if (!this.#source.copyKept()) {
      forgetPaint(sessionId);
      return;
    }
    // Changed while it was drawn: the next change's turn keeps it.
    if (!sameMark(state, stateOf(doc))) return;
    // What another tab stored meanwhile and this one has not got yet: not this paint's to show.
    if (!covers(state, readMark(roomId))) {
      forgetPaint(sessionId);
      return;
    }
    const paint: PresentPaint = {
      v: 1,
      build: version,
      w: window.innerWidth,
      h: window.innerHeight,
      dpr: window.devicePixelRatio,
      room: roomId,
      state,
      html: paintMarkup(main)
    };
    keepPaint(sessionId, paint, pageStyles());
  }
}
