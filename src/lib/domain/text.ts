// Control and format characters that render as boxes or break layout (zero-width space,
// line/paragraph separators); \p{Cc} without newline and tab. Also half of a surrogate pair
// on its own (\p{Cs} with the u flag): not Unicode, so Yjs would store it as U+FFFD and every
// other device would show different text than its author. And the bidirectional embedding,
// override and isolate controls (U+202A–U+202E, U+2066–U+2069): with them a note can show
// other text than it holds ("\u202eevil" shows as "live"). Screens isolate each text's
// direction themselves (dir="auto"), so right-to-left writing still shows right.
const invisible = /[^\P{Cc}\n\t]|[\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/** Removes characters that have no business in a note or a name. */
export function stripInvisible(text: string): string {
  return text.replace(invisible, '');
}

/** Length in characters as people count them (an emoji is one), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}
