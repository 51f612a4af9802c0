import type { Server, SSRManifest } from '@sveltejs/kit';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import type { NodeHandler } from '../startHub.ts';

/** SvelteKit's server build (.svelte-kit/output/server), bundled into the executable. */
export interface KitServerBuild {
  readonly Server: typeof Server;
  readonly manifest: SSRManifest;
}

// adapter-node's default BODY_SIZE_LIMIT.
const bodySizeLimit = 512 * 1024;

/**
 * Renders the app's pages (the shell and its hash-based Content-Security-Policy) the way
 * adapter-node's handler does after its static files: same origin rule (ORIGIN, else
 * https://<Host>), same body limit, same client address.
 */
export async function kitAppHandler(
  build: KitServerBuild,
  read: (file: string) => ReadableStream | null,
  env: Readonly<Record<string, string | undefined>>
): Promise<NodeHandler> {
  const server = new build.Server(build.manifest);
  const definedEnv = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
  await server.init({ env: definedEnv, read });
  const origin = env['ORIGIN'];

  return (req, res) => {
    void (async () => {
      let request: Request;
      try {
        if (!origin && !req.headers.host) throw new Error('no Host header');
        request = await getRequest({
          base: origin ?? `https://${req.headers.host}`,
          request: req,
          bodySizeLimit
        });
      } catch {
        res.statusCode = 400;
        res.end('Bad Request');
        return;
      }
      const response = await server.respond(request, {
        platform: { req },
        getClientAddress: () => req.socket.remoteAddress ?? ''
      });
      await setResponse(res, response);
    })();
  };
}
