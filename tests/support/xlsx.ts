import { strFromU8, unzipSync } from 'fflate';

/*
 * A small reader for .xlsx workbooks, written from the Office Open XML layout and not from
 * the library that writes them: each sheet's cells as text or numbers, row by row, plus
 * what a sheet says about its view (frozen rows) and column widths.
 */

export type CellValue = string | number;

export interface ReadSheet {
  readonly name: string;
  readonly rows: CellValue[][];
  /** Rows frozen at the top (a pane split). */
  readonly frozenRows: number;
  readonly widths: number[];
  /** Cells written as formulas (there should be none). */
  readonly formulas: number;
  /** The cell types as written: "s" (shared string), "n", "inlineStr", … */
  readonly types: string[][];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) =>
    name.startsWith('#x')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : (entities[name] ?? all)
  );

/** The text of all <t> elements inside a piece of XML (a shared string may have runs). */
const texts = (xml: string): string =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)]
    .map((m) => decode(m[1] ?? ''))
    .join('');

function columnIndex(reference: string): number {
  const letters = /^[A-Z]+/.exec(reference)?.[0] ?? 'A';
  return [...letters].reduce((sum, char) => sum * 26 + char.charCodeAt(0) - 64, 0) - 1;
}

/** Reads every sheet of a workbook. */
export function readWorkbook(bytes: Uint8Array): ReadSheet[] {
  const files = unzipSync(bytes);
  const file = (path: string): string => {
    const part = files[path];
    if (!part) throw new Error(`the workbook has no ${path}`);
    return strFromU8(part);
  };
  const shared = files['xl/sharedStrings.xml']
    ? [...file('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        texts(m[1] ?? '')
      )
    : [];
  const rels = new Map(
    [...file('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s[^>]*>/g)].map((m) => [
      /Id="([^"]+)"/.exec(m[0])?.[1] ?? '',
      /Target="([^"]+)"/.exec(m[0])?.[1] ?? ''
    ])
  );
  return [...file('xl/workbook.xml').matchAll(/<sheet\s[^>]*>/g)].map((m) => {
    const name = decode(/name="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const id = /r:id="([^"]+)"/.exec(m[0])?.[1] ?? '';
    const xml = file(`xl/${(rels.get(id) ?? '').replace(/^\/?xl\//, '')}`);
    const rows: CellValue[][] = [];
    const types: string[][] = [];
    for (const row of xml.matchAll(/<row\s[^>]*>([\s\S]*?)<\/row>/g)) {
      const values: CellValue[] = [];
      const kinds: string[] = [];
      for (const cell of (row[1] ?? '').matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attributes = cell[1] ?? '';
        const body = cell[2] ?? '';
        const index = columnIndex(/r="([^"]+)"/.exec(attributes)?.[1] ?? 'A1');
        const type = /t="([^"]+)"/.exec(attributes)?.[1] ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        values[index] =
          type === 's'
            ? (shared[Number(v)] ?? '')
            : type === 'inlineStr' || type === 'str'
              ? texts(body)
              : v === undefined
                ? ''
                : Number(v);
        kinds[index] = type;
      }
      rows.push(Array.from(values, (value) => value ?? ''));
      types.push(Array.from(kinds, (kind) => kind ?? ''));
    }
    return {
      name,
      rows,
      frozenRows: /<pane\s[^>]*state="frozen"[^>]*>/.test(xml)
        ? Number(/ySplit="(\d+)"/.exec(xml)?.[1] ?? 0)
        : 0,
      widths: [...xml.matchAll(/<col\s[^>]*width="([\d.]+)"/g)].map((w) => Number(w[1])),
      formulas: (xml.match(/<f[\s>]/g) ?? []).length,
      types
    };
  });
}
