import type { PresentPaint } from '../../src/lib/storage/presentPaints.ts';

/** A browser's localStorage, in memory (Node has none); `full` makes every write fail. */
export class MemoryStorage {
  readonly #items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  keys(): string[] {
    return [...this.#items.keys()];
  }
}

/** A present screen's paint of `room` at `state`, for a 1920×1080 window. */
export const paintOf = (
  room: string,
  state: Record<string, number>,
  build = 'b1'
): PresentPaint => ({
  v: 1,
  build,
  w: 1920,
  h: 1080,
  dpr: 1,
  room,
  state,
  html: `<main class="present">${room}</main>`
});
