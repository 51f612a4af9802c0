import type { Locale } from '../domain/locale.ts';
import { parseStepPreview, type StepPreview } from '../domain/stepPreview.ts';
import { postWithLogin } from './hubLogin.ts';
import { checkJoinLink } from './roomKeys.ts';

export { checkJoinLink };

/** The path a phone asks its first screen at (POST, with a login token). */
export function stepPreviewPath(roomId: string): string {
  return `/api/rooms/${roomId}/preview`;
}

/**
 * Asks the hub what the room's current step asks (domain/stepPreview.ts), logging in as the
 * relay does. Undefined when there is nothing to show yet: no hub, no brainstorm open, a
 * refusal, or no answer within `timeoutMs` (the phone then waits for its session).
 */
export async function fetchStepPreview(input: {
  readonly origin: string;
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly locale: Locale;
  readonly timeoutMs?: number;
}): Promise<StepPreview | undefined> {
  return postWithLogin({
    ...input,
    path: stepPreviewPath,
    body: (token) => JSON.stringify({ token, locale: input.locale }),
    read: async (response) => (response.ok ? parseStepPreview(await response.json()) : undefined),
    timeoutMs: input.timeoutMs ?? 3000
  });
}
