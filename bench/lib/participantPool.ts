import { fork, type ChildProcess } from 'node:child_process';
import {
  loadStep,
  type FromParticipants,
  type NoteStep,
  type Sent,
  type ToParticipants
} from './protocol.ts';

const script = new URL('./participants.ts', import.meta.url).pathname;

/** Simulated phones spread over a few child processes (2 cores: processes, not threads). */
export class ParticipantPool {
  readonly #workers: ChildProcess[];

  readonly #light: boolean;

  /** `light`: raw-socket phones (see protocol.ts), for the hub's capacity. */
  constructor(processes: number, options: { readonly light?: boolean } = {}) {
    this.#light = options.light ?? false;
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
          step,
          light: this.#light
        });
      })
    );
  }

  /**
   * Every phone adds a note every ~intervalMs for durationMs; resolves with the notes sent
   * (id, send time) per room key.
   */
  async add(intervalMs: number, durationMs: number): Promise<Map<string, Sent[]>> {
    const replies = await Promise.all(
      this.#workers.map((worker) => this.#ask(worker, { type: 'add', intervalMs, durationMs }))
    );
    const sent = new Map<string, Sent[]>();
    for (const answer of replies) {
      if (answer.type !== 'added') continue;
      for (const [room, notes] of Object.entries(answer.sent))
        sent.set(room, [...(sent.get(room) ?? []), ...notes]);
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
