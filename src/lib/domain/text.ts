// Control and format characters that render as boxes or break layout (zero-width space,
// line/paragraph separators); \p{Cc} without newline and tab.
const invisible = /[^\P{Cc}\n\t]|[\u200b\u2028\u2029]/gu;

/** Removes characters that have no business in a note or a name. */
export function stripInvisible(text: string): string {
  return text.replace(invisible, '');
}

/** Length in characters as people count them (an emoji is one), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}
