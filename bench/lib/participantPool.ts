import { fork, type ChildProcess } from 'node:child_process';
import { loadStep, type FromParticipants, type NoteStep, type ToParticipants } from './protocol.ts';

const script = new URL('./participants.ts', import.meta.url).pathname;

/** Simulated phones spread over a few child processes (2 cores: processes, not threads). */
export class ParticipantPool {
  readonly #workers: ChildProcess[];

  constructor(processes: number) {
    this.#workers = Array.from({ length: processes }, () =>
      fork(script, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    );
  }

  get pids(): number[] {
    return this.#workers.map((worker) => worker.pid ?? 0);
  }

  /** Connects `count` more phones, spread over the rooms with these keys; waits until all synced. */
  async join(
    url: string,
    rooms: readonly string[],
    count: number,
    step: NoteStep = loadStep
  ): Promise<void> {
    const share = Math.ceil(count / this.#workers.length);
    await Promise.all(
      this.#workers.map((worker, i) => {
        const mine = Math.max(0, Math.min(share, count - i * share));
        return this.#ask(worker, {
          type: 'join',
          url,
          rooms,
          count: mine,
          firstIndex: i * share,
          step
        });
      })
    );
  }

  /** Every phone adds a note every ~intervalMs for durationMs; resolves with notes sent per room key. */
  async add(intervalMs: number, durationMs: number): Promise<Map<string, number>> {
    const replies = await Promise.all(
      this.#workers.map((worker) => this.#ask(worker, { type: 'add', intervalMs, durationMs }))
    );
    const sent = new Map<string, number>();
    for (const answer of replies) {
      if (answer.type !== 'added') continue;
      for (const [room, n] of Object.entries(answer.sentByRoom))
        sent.set(room, (sent.get(room) ?? 0) + n);
    }
    return sent;
  }

  /** Disconnects every phone. */
  async leave(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => this.#ask(worker, { type: 'leave' })));
  }

  close(): void {
    for (const worker of this.#workers) if (worker.connected) worker.disconnect();
  }

  #ask(worker: ChildProcess, message: ToParticipants): Promise<FromParticipants> {
    return new Promise((resolve, reject) => {
      const onMessage = (answer: FromParticipants): void => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (answer.type === 'failed') reject(new Error(`participants: ${answer.message}`));
        else resolve(answer);
      };
      const onExit = (code: number | null): void => {
        worker.off('message', onMessage);
        reject(new Error(`participants process exited (${code})`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send(message);
    });
  }
}
