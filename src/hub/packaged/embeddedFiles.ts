import { gunzipSync } from 'node:zlib';
import type { NodeHandler } from '../startHub.ts';

/** One file of the built app (build/client) as the packager stored it. */
export interface EmbeddedFileInfo {
  /** URL path, e.g. /_app/immutable/entry/start.abc.js. */
  readonly path: string;
  readonly type: string;
  readonly mtimeMs: number;
  /** Stored gzip-compressed (once, instead of the file plus its .gz and .br copies). */
  readonly gzipped: boolean;
}

export interface EmbeddedFile extends EmbeddedFileInfo {
  /** The bytes as stored: gzip when `gzipped`. */
  readonly bytes: Uint8Array;
}

/** The file's own bytes, unpacked when stored compressed. */
export function fileContent(file: EmbeddedFile): Uint8Array {
  return file.gzipped ? gunzipSync(file.bytes) : file.bytes;
}

function requestPath(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (!path.includes('%')) return path;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * Serves the embedded client files as adapter-node's static handler (sirv with etag and
 * precompressed files) serves build/client from disk: same status codes and headers, with
 * hashed files under /<appPath>/immutable/ cached for a year. Calls `next` for any other path.
 */
export function serveEmbeddedFiles(
  files: ReadonlyMap<string, EmbeddedFile>,
  appPath: string
): NodeHandler {
  const immutable = `/${appPath}/immutable/`;
  return (req, res, next) => {
    const path = requestPath(req.url);
    const file = files.get(path);
    if (!file) {
      if (next) next();
      else {
        res.statusCode = 404;
        res.end();
      }
      return;
    }
    const gzip = file.gzipped && (req.headers['accept-encoding'] ?? '').includes('gzip');
    const body = gzip ? file.bytes : fileContent(file);
    const etag = `W/"${body.byteLength}-${Math.trunc(file.mtimeMs)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
    if (path.startsWith(immutable))
      res.setHeader('Cache-Control', 'public,max-age=31536000,immutable');
    res.writeHead(200, {
      'Content-Length': body.byteLength,
      'Content-Type': file.type,
      'Last-Modified': new Date(file.mtimeMs).toUTCString(),
      ETag: etag,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {})
    });
    res.end(body);
  };
}
