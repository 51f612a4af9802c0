import type { TextWidth } from './projectorLayout.ts';

/*
 * Text widths from a canvas, in the font an element's text uses: the browser shapes the text
 * as it does in the page, without laying anything out. Each width is kept: a board measured
 * again after one more idea measures only that idea's words.
 *
 * Where the canvas's widths grow in proportion to the font size (checked once per font; so
 * they did in Chromium on Linux, to the thousandth of a pixel), a text is measured once, at
 * 100 px, and scaled to every size tried. A board that fills up steps its size down as ideas
 * arrive, and measuring every word again at each new size was most of the projector's work
 * per arriving idea (npm run bench: present_longest_frame_ms). Elsewhere each size is measured.
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
/**
 * The font the widths are for, the canvas stretch that matches the page (none: none), and
 * whether widths scale with the size.
 */
let matched:
  { font: string; stretch: CanvasFontStretch | undefined; proportional: boolean } | undefined;
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

/** How far (pixels) a scaled width may be from the measured one for widths to scale. */
const proportionalWithin = 0.01;

/** Whether the sample's width at a few sizes is its width at 100 px, scaled. */
function proportional(
  canvas: CanvasRenderingContext2D,
  font: string,
  stretch: CanvasFontStretch
): boolean {
  const widthAt = (px: number): number => {
    canvas.font = font.replace('__', String(px));
    canvas.fontStretch = stretch;
    return canvas.measureText(sample).width;
  };
  const full = widthAt(100);
  current = '';
  return [13, 23, 37, 61].every(
    (px) => Math.abs(widthAt(px) - (full * px) / 100) <= proportionalWithin
  );
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
    const stretch = stretchFor(canvas, element, font);
    matched = {
      font,
      stretch,
      proportional:
        stretch !== undefined &&
        proportional(canvas, font, stretch) &&
        proportional(canvas, `italic ${font}`, stretch)
    };
  }
  const { stretch, proportional: scales } = matched;
  if (!stretch) return undefined;
  return (text, px, italic) => {
    if (scales) return (measured(canvas, font, stretch, text, 100, italic) * px) / 100;
    return measured(canvas, font, stretch, text, px, italic);
  };
}

/** The width of `text` at `px`, measured once. */
function measured(
  canvas: CanvasRenderingContext2D,
  font: string,
  stretch: CanvasFontStretch,
  text: string,
  px: number,
  italic: boolean
): number {
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
}
