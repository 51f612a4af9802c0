// Control and format characters that render as boxes or break layout (zero-width space,
// line/paragraph separators); \p{Cc} without newline and tab. Also half of a surrogate pair
// on its own (\p{Cs} with the u flag): not Unicode, so Yjs would store it as U+FFFD and every
// other device would show different text than its author.
const invisible = /[^\P{Cc}\n\t]|[\u200b\u2028\u2029]|\p{Cs}/gu;

/** Removes characters that have no business in a note or a name. */
export function stripInvisible(text: string): string {
  return text.replace(invisible, '');
}

/** Length in characters as people count them (an emoji is one), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}
