import { boardFontFamily, boardSvg, type Measure } from '../boardSvg.ts';
import type { BoardPicture } from '../docx.ts';
import type { ReportWords } from '../reportWords.ts';
import { hasBoard, ownBoard, selectStep, type SessionSnapshot } from '../snapshot.ts';

/*
 * Browser only: a board's SVG drawn on a canvas and saved as PNG, and the browser's own text
 * measurement for laying the board out. The SVG is loaded from a blob URL as an image, so it
 * can reach nothing outside itself and never taints the canvas.
 */

/** Renders an SVG document to a PNG picture, at `scale` times its own size. */
export async function svgToPicture(svg: string, scale = 1): Promise<BoardPicture> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas made no PNG');
    return {
      png: new Uint8Array(await blob.arrayBuffer()),
      width: image.naturalWidth,
      height: image.naturalHeight
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Renders an SVG document to PNG bytes. */
export async function svgToPng(svg: string, scale = 1): Promise<Uint8Array> {
  return (await svgToPicture(svg, scale)).png;
}

/**
 * Text widths as this browser draws the board's font, with a little room to spare: the SVG
 * image is drawn by the same browser with the same fonts, so lines fill their notes without
 * running past the edge.
 */
export function canvasMeasure(): Measure | undefined {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  return (text, fontSize, bold) => {
    context.font = `${bold ? '700 ' : ''}${fontSize}px ${boardFontFamily}`;
    return context.measureText(text).width * 1.04;
  };
}

/**
 * The board pictures of a report (of the session, or of one step): one per step with a board
 * of its own, at twice the size so they stay sharp on paper.
 */
export async function boardPictures(
  full: SessionSnapshot,
  words: ReportWords,
  measure: Measure | undefined,
  stepId?: string
): Promise<Map<string, BoardPicture>> {
  const snapshot = selectStep(full, stepId);
  const pictures = new Map<string, BoardPicture>();
  for (const step of snapshot.steps) {
    if (!hasBoard(step) || step.noteCount === 0 || !ownBoard(snapshot, step)) continue;
    pictures.set(step.id, await svgToPicture(boardSvg(full, step, words, { measure }), 2));
  }
  return pictures;
}
