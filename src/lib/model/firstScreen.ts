/*
 * The code of a joining phone's first screen, loaded as one part while the person types
 * their name (routes/j/[room]/+page.svelte): the step preview with its login, and the
 * first idea signed and sent from it.
 */
export { checkJoinLink, fetchStepPreview } from '../access/stepPreview.ts';
export { prepareFirstIdea } from './firstIdea.ts';
