import { stripInvisible } from './text.ts';

export const maxTitleLength = 120;

export type TitleCheck =
  | { readonly ok: true; readonly title: string }
  | { readonly ok: false; readonly error: 'empty' | 'tooLong' };

/** Trims and checks a session title typed by the facilitator. */
export function checkTitle(raw: string): TitleCheck {
  const title = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  if (title.length === 0) return { ok: false, error: 'empty' };
  if ([...title].length > maxTitleLength) return { ok: false, error: 'tooLong' };
  return { ok: true, title };
}
