/*
 * A page rendered on the server (the join page's name step) shows before the app's code has
 * run. A form there that is sent in that time must neither navigate (a GET would drop the
 * link's fragment, where the room key is) nor be forgotten: this inline script, in the page's
 * head, holds the submit of every form marked `data-hold-submit` and marks the form
 * `data-submitted`; the page's code, once it runs, sends it (see `takeHeldSubmit`).
 * Its hash is in the Content-Security-Policy (svelte.config.js), so it is the one inline
 * script besides SvelteKit's own.
 */
export const heldSubmitScript =
  "document.addEventListener('submit',function(e){var f=e.target;" +
  "if(f instanceof HTMLFormElement&&f.hasAttribute('data-hold-submit')){" +
  "e.preventDefault();f.setAttribute('data-submitted','')}},true)";

/** Whether the form was sent before the page's code ran (and forgets it, to send it once). */
export function takeHeldSubmit(form: HTMLFormElement): boolean {
  if (!form.hasAttribute('data-submitted')) return false;
  form.removeAttribute('data-submitted');
  return true;
}

/** The script as an element for a page's head (`{@html}`: a constant, never data). */
export const heldSubmitTag = `<script>${heldSubmitScript}</script>`;
