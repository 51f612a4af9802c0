import type { TextWidth } from './projectorLayout.ts';

/*
 * Text widths from a canvas, in the font an element's text uses: the browser shapes the text
 * as it does in the page, without laying anything out. Each width is kept (per font and
 * size): a board measured again after one more idea measures only that idea's words.
 *
 * A canvas does not always pick the same face as the page for the same font: on a Debian
 * machine with DejaVu the page drew "DejaVu Sans Condensed" where the canvas took the wider
 * "DejaVu Sans" (10% wider). So the canvas is first matched to one sample of the page's own
 * text (one width of a hidden span), choosing the font stretch that agrees.
 */

const sample = 'Het vrolijke zwarte paard sprong over de luie bruine hond, 1234567890?';
const stretches: readonly CanvasFontStretch[] = [
  'normal',
  'semi-condensed',
  'condensed',
  'extra-condensed',
  'ultra-condensed',
  'semi-expanded',
  'expanded',
  'extra-expanded',
  'ultra-expanded'
];
/** How far (relative) the canvas may be from the page's sample and still be trusted. */
const agree = 0.002;
/** Enough for a full board at every size tried; past it the widths are measured again. */
const most = 50_000;

let context: CanvasRenderingContext2D | null | undefined;
/** The font the widths are for, and the canvas stretch that matches the page (none: none). */
let matched: { font: string; stretch: CanvasFontStretch | undefined } | undefined;
const widths = new Map<string, number>();
/** The font the canvas is set to. */
let current = '';

/** The width of the sample as the page draws it in `element`'s font, at 100 px. */
function pageWidth(element: HTMLElement): number {
  const span = document.createElement('span');
  span.textContent = sample;
  span.style.cssText =
    'position:absolute;visibility:hidden;white-space:pre;font-size:100px;font-style:normal';
  element.append(span);
  const width = span.getBoundingClientRect().width;
  span.remove();
  return width;
}

function stretchFor(
  canvas: CanvasRenderingContext2D,
  element: HTMLElement,
  font: string
): CanvasFontStretch | undefined {
  const target = pageWidth(element);
  canvas.font = font.replace('__', '100');
  current = '';
  // The likeliest first: each stretch tried makes the browser look for a face (milliseconds).
  return stretches.find((stretch) => {
    canvas.fontStretch = stretch;
    return Math.abs(canvas.measureText(sample).width / target - 1) <= agree;
  });
}

/**
 * Measures text in `element`'s font family and weight (the element must be in the page and
 * may hold a hidden span for a moment); none without a canvas, or when no canvas font
 * matches the page's.
 */
export function canvasTextWidth(element: HTMLElement): TextWidth | undefined {
  context ??= document.createElement('canvas').getContext('2d');
  const canvas = context;
  if (!canvas) return undefined;
  const style = getComputedStyle(element);
  const font = `${style.fontWeight} __px ${style.fontFamily}`;
  if (matched?.font !== font) {
    widths.clear();
    matched = { font, stretch: stretchFor(canvas, element, font) };
  }
  const { stretch } = matched;
  if (!stretch) return undefined;
  return (text, px, italic) => {
    const key = `${italic ? 'i' : ''}${px}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      const wanted = `${italic ? 'italic ' : ''}${font.replace('__', String(px))}`;
      if (wanted !== current) {
        // Setting the font resets the stretch.
        canvas.font = wanted;
        canvas.fontStretch = stretch;
        current = wanted;
      }
      width = canvas.measureText(text).width;
      if (widths.size > most) widths.clear();
      widths.set(key, width);
    }
    return width;
  };
}
