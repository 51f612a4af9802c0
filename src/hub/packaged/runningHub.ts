import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running executable leaves in its data folder, so a second start can find it. */
export interface HubInstance {
  readonly pid: number;
  /** Where this laptop opens Kring, e.g. http://localhost:4500/. */
  readonly url: string;
}

/** The file in the data folder that says which Kring uses it. */
export function instanceFile(dataDir: string): string {
  return join(dataDir, 'kring-running.json');
}

export function readInstance(dataDir: string): HubInstance | undefined {
  try {
    const parsed = JSON.parse(readFileSync(instanceFile(dataDir), 'utf8')) as Partial<HubInstance>;
    if (typeof parsed.pid === 'number' && typeof parsed.url === 'string') {
      return { pid: parsed.pid, url: parsed.url };
    }
  } catch {
    // Missing or unreadable: nothing runs here, as far as anyone can tell.
  }
  return undefined;
}

export function writeInstance(dataDir: string, instance: HubInstance): void {
  writeFileSync(instanceFile(dataDir), `${JSON.stringify(instance)}\n`);
}

/** Removes the file if it still names this process (a newer start may have taken over). */
export function removeInstance(dataDir: string, pid: number): void {
  if (readInstance(dataDir)?.pid === pid) rmSync(instanceFile(dataDir), { force: true });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when a Kring hub answers at this address (its /api/hub names the same port). */
export async function answersAsKring(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/hub', url), { signal: AbortSignal.timeout(3000) });
    const body = (await response.json()) as { port?: unknown; addresses?: unknown };
    return response.ok && body.port === Number(new URL(url).port) && Array.isArray(body.addresses);
  } catch {
    return false;
  }
}

/**
 * The address of the Kring that already uses this data folder, if one runs: its process is
 * alive and a hub answers where it said it would (a stale file, or a reused pid, is not).
 */
export async function findRunningHub(dataDir: string): Promise<string | undefined> {
  const instance = readInstance(dataDir);
  if (!instance || instance.pid === process.pid || !processIsAlive(instance.pid)) return undefined;
  return (await answersAsKring(instance.url)) ? instance.url : undefined;
}
