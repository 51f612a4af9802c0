import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bannerLocale, startupBanner } from './banner.ts';
import { openHostedFromOptions } from './hosted/hostedHub.ts';
import { jsonConsole } from './hosted/log.ts';
import { reachability } from './lanAddresses.ts';
import { openBrowser } from './openBrowser.ts';
import { helpText, parseHubOptions } from './options.ts';
import { HubStartError, startHub } from './startHub.ts';

const parsed = parseHubOptions(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
const { options } = parsed;
if (options.help) {
  console.log(helpText);
  process.exit(0);
}

const buildDir =
  process.env['KRING_BUILD_DIR'] ?? fileURLToPath(new URL('../../build', import.meta.url));
// npm runs scripts in the project folder; INIT_CWD is where the person typed `npm start`,
// which is what a relative --data-dir means to them.
const dataDir =
  options.dataDir === undefined
    ? fileURLToPath(new URL('../../data', import.meta.url))
    : resolve(process.env['INIT_CWD'] ?? process.cwd(), options.dataDir);

// Hosted: every line this process prints is a JSON object (hosted/log.ts).
const hostedOptions = options.hosted;
if (hostedOptions) jsonConsole(hostedOptions.hubId);

try {
  const hub = await startHub({
    buildDir,
    port: options.port,
    host: options.host,
    dataDir,
    connectionsPerAddress: options.connectionsPerAddress,
    hosted:
      hostedOptions && (() => openHostedFromOptions(hostedOptions, options.connectionsPerAddress))
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void hub.close().then(() => process.exit(0));
  };
  // Handlers go in before the banner: whoever reads "running" may press Ctrl-C at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (options.hosted) {
    console.log(`listening on http://${options.host ?? '0.0.0.0'}:${hub.port}/`);
  } else {
    const reach = reachability(options.host, networkInterfaces());
    console.log(
      startupBanner({ locale: bannerLocale(process.env), port: hub.port, dataDir, ...reach })
    );
    if (options.open) void openBrowser(`http://${reach.localHost}:${hub.port}/`);
  }
} catch (error) {
  if (error instanceof HubStartError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
