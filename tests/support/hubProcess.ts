import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync, realpathSync } from 'node:fs';

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly output: () => string;
  /** Stops the hub; `signal` SIGKILL simulates a crash. Resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface HubProcessOptions {
  /** A fixed port, e.g. to restart a hub on the same origin; a free one by default. */
  readonly port?: number;
  /** Address to bind and to put in `url`; 127.0.0.1 by default. */
  readonly host?: string;
  /** A network namespace to run the hub in (see roomNetwork.ts); none by default. */
  readonly netns?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** How long the hub may take to start listening (default 60 s: a guard against hangs). */
  readonly startTimeoutMs?: number;
  /** The program and its first arguments; Node running src/hub/main.ts by default. */
  readonly command?: readonly string[];
  /** Working directory; this one by default. */
  readonly cwd?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Starts a real hub process (on a free loopback port by default) and waits until it serves. */
export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  const host = options.host ?? '127.0.0.1';
  // Node 24 of this process, not the machine's `node`: the hub needs Node 24.
  const hubCommand = [
    ...(options.command ?? [process.execPath, 'src/hub/main.ts']),
    '--host',
    host,
    '--port',
    String(options.port ?? 0),
    ...(options.args ?? [])
  ];
  // `ip netns exec` enters the namespace and then execs the command in place (no fork), so
  // the child's pid is the hub's own and a signal to the child, SIGKILL included, reaches it.
  const [command = '', ...args] = options.netns
    ? ['ip', 'netns', 'exec', options.netns, ...hubCommand]
    : hubCommand;
  const child: ChildProcess = spawn(command, args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  );
  const listening = new RegExp(`http://${escapeRegExp(host)}:(\\d+)/`);

  const port = await new Promise<number>((resolve, reject) => {
    // A guard against hangs: on a busy machine a hub has taken 7 s to start.
    const timer = setTimeout(
      () => reject(new Error(`hub did not start:\n${output}`)),
      options.startTimeoutMs ?? 60_000
    );
    const check = (): void => {
      const match = listening.exec(output);
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

  if (options.netns && child.pid !== undefined) {
    // Guards the no-fork assumption above: were `ip` ever to fork, stop('SIGKILL') would
    // kill only the wrapper and leave the hub running.
    const executable = readlinkSync(`/proc/${child.pid}/exe`);
    if (executable !== realpathSync(process.execPath)) {
      child.kill('SIGKILL');
      throw new Error(`hub pid ${child.pid} runs ${executable}, not Node: ip netns exec forked`);
    }
  }

  return {
    url: `http://${host}:${port}`,
    port,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    }
  };
}
