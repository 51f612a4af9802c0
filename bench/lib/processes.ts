import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hubNodeFlags } from '../../src/hub/nodeFlags.ts';

/** Server processes still running; killed if the bench exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The repository root, where `src/hub/main.ts` and `build/` are. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a Node script (on this process's Node, i.e. Node 24 from node_modules) that prints
 * `http://127.0.0.1:<port>/` once it listens, and waits for that line.
 */
export async function startServerProcess(
  script: string,
  args: readonly string[],
  extraNodeArgs: readonly string[] = []
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...extraNodeArgs, script, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    })
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${output}`)),
      20_000
    );
    const check = (): void => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} has no pid`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
    }
  };
}

/**
 * The real hub, bound to loopback only, with its data in `dataDir`, with the Node flags it
 * always runs with (src/hub/nodeFlags.ts). Every simulated phone connects from 127.0.0.1, so
 * the per-address connection limit (a guard against one device opening hundreds) is lifted,
 * as behind a reverse proxy.
 */
export function startHub(dataDir: string, extraNodeArgs: readonly string[] = []) {
  return startServerProcess(
    'src/hub/main.ts',
    ['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--connections-per-address', '0'],
    [...hubNodeFlags, ...extraNodeArgs]
  );
}

/** Resident memory of a process in MiB (VmRSS from /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/** CPU time (user + system) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may contain spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** The 1-minute load average and the number of CPUs, for the report. */
export function loadAverage(): string {
  const [one = '?', five = '?', fifteen = '?'] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  return `${one} ${five} ${fifteen}`;
}
