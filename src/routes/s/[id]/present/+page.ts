// The projector reads the same record the same way as the facilitate screen.
export { load } from '../+page.ts';
