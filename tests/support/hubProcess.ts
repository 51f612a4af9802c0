import { spawn, type ChildProcess } from 'node:child_process';

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly output: () => string;
  /** Stops the hub; `signal` SIGKILL simulates a crash. Resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface HubProcessOptions {
  /** A fixed port, e.g. to restart a hub on the same origin; a free one by default. */
  readonly port?: number;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts a real hub process on a free loopback port and waits until it serves. */
export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'src/hub/main.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port ?? 0),
      ...(options.args ?? [])
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 15_000);
    const check = (): void => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    }
  };
}
