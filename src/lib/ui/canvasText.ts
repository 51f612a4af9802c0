import type { TextWidth } from './projectorLayout.ts';

/*
 * Text widths from a canvas, in the font an element's text uses: the browser shapes the text
 * as it does in the page, without laying anything out. Each width is kept (per font and
 * size): a board measured again after one more idea measures only that idea's words.
 */

let context: CanvasRenderingContext2D | null | undefined;
let family = '';
const widths = new Map<string, number>();
/** Enough for a full board at every size tried; past it the widths are measured again. */
const most = 50_000;

/** Measures text in `element`'s font family and weight; none without a canvas. */
export function canvasTextWidth(element: HTMLElement): TextWidth | undefined {
  context ??= document.createElement('canvas').getContext('2d');
  const canvas = context;
  if (!canvas) return undefined;
  const style = getComputedStyle(element);
  const font = `${style.fontWeight} __px ${style.fontFamily}`;
  if (font !== family || widths.size > most) {
    widths.clear();
    family = font;
  }
  let set = '';
  return (text, px, italic) => {
    const key = `${italic ? 'i' : ''}${px}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      const wanted = `${italic ? 'italic ' : ''}${font.replace('__', String(px))}`;
      if (wanted !== set) {
        canvas.font = wanted;
        set = wanted;
      }
      width = canvas.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}
