/// <reference lib="webworker" />
// Seals and opens large peer messages (a whole board) off the page's main thread.
import { answerSealing, type SealingJob } from './sealing.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<SealingJob>) => {
  const answer = answerSealing(event.data);
  scope.postMessage(answer, 'bytes' in answer ? [answer.bytes.buffer] : []);
});
