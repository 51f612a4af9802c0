import { once } from 'node:events';
import { homedir, networkInterfaces } from 'node:os';
import { basename, resolve } from 'node:path';
import { startupBanner } from '../banner.ts';
import { reachability } from '../lanAddresses.ts';
import { helpText, parseHubOptions, type HubOptions } from '../options.ts';
import { HubStartError, startHub, type NodeHandler, type RunningHub } from '../startHub.ts';
import { appDataDir } from './appDataDir.ts';
import { consoleLocale, consoleText } from './consoleText.ts';
import { fileContent, serveEmbeddedFiles, type EmbeddedFile } from './embeddedFiles.ts';
import { startOnFreePort } from './freePort.ts';
import { kitAppHandler, type KitServerBuild } from './kitApp.ts';
import { openBrowser } from '../openBrowser.ts';
import { findRunningHub, removeInstance, writeInstance } from './runningHub.ts';
import { seaFiles } from './seaFiles.ts';

const locale = consoleLocale(process.env, Intl.DateTimeFormat().resolvedOptions().locale);
const t = consoleText(locale);

/** Texts written for `npm start` name this program instead. */
function forThisProgram(text: string): string {
  return text.replaceAll('npm start -- ', `${basename(process.execPath)} `);
}

/**
 * A double-clicked program's window closes as soon as it exits: keep it open until the
 * person has read why, when there is a person (a terminal) to read it.
 */
async function exitAfterReading(code: number): Promise<never> {
  if (process.stdin.isTTY) {
    console.log(t.pressEnter);
    process.stdin.resume();
    await once(process.stdin, 'data');
  }
  process.exit(code);
}

async function appHandler(build: KitServerBuild): Promise<NodeHandler> {
  const files: ReadonlyMap<string, EmbeddedFile> = seaFiles();
  const serveFiles = serveEmbeddedFiles(files, build.manifest.appPath);
  const read = (file: string): ReadableStream | null => {
    const found = files.get(`/${file}`);
    return found ? new Blob([new Uint8Array(fileContent(found))]).stream() : null;
  };
  const renderPages = await kitAppHandler(build, read, process.env);
  return (req, res, next) => serveFiles(req, res, () => renderPages(req, res, next));
}

async function start(options: HubOptions, dataDir: string, handler: NodeHandler) {
  const startAt = (port: number): Promise<RunningHub> =>
    startHub({
      buildDir: '',
      appHandler: handler,
      port,
      host: options.host,
      dataDir,
      connectionsPerAddress: options.connectionsPerAddress
    });
  // The default port moves aside for another program; a port the person chose does not.
  if (options.portChosen) return startAt(options.port);
  return startOnFreePort(
    options.port,
    startAt,
    (error) => error instanceof HubStartError && error.portInUse
  );
}

/**
 * The single executable: the same hub as `npm start`, with the defaults of a program that
 * is double-clicked. Rooms go to the person's application-data folder, the browser opens,
 * a second start sends the browser to the running one, and a taken port moves to the next.
 */
export async function runPackaged(build: KitServerBuild): Promise<void> {
  process.title = 'Kring';
  const parsed = parseHubOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(forThisProgram(parsed.message));
    return exitAfterReading(2);
  }
  const { options } = parsed;
  if (options.help) {
    console.log(forThisProgram(helpText));
    return;
  }
  const dataDir =
    options.dataDir === undefined
      ? appDataDir(process.platform, process.env, homedir())
      : resolve(options.dataDir);
  const open = options.open ?? true;

  const running = await findRunningHub(dataDir);
  if (running) {
    console.log(t.alreadyRunning(running));
    if (open) await openBrowser(running);
    return exitAfterReading(0);
  }

  let hub: RunningHub;
  try {
    hub = await start(options, dataDir, await appHandler(build));
  } catch (error) {
    if (!(error instanceof HubStartError)) throw error;
    console.error(forThisProgram(error.message));
    return exitAfterReading(1);
  }
  const reach = reachability(options.host, networkInterfaces());
  const url = `http://${reach.localHost}:${hub.port}/`;
  writeInstance(dataDir, { pid: process.pid, url });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    removeInstance(dataDir, process.pid);
    void hub.close().then(() => process.exit(0));
  };
  // SIGHUP: the console window was closed (Windows) or the terminal went away.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);

  console.log(
    startupBanner({ locale, port: hub.port, dataDir, closeWindowToStop: true, ...reach })
  );
  if (hub.port !== options.port) console.log(t.portMoved(options.port, hub.port));
  if (open && !(await openBrowser(url))) console.log(t.openYourself(url));
}
