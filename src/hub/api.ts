import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { reachability } from './lanAddresses.ts';
import { roomIdLength } from '../lib/access/roomKeyShape.ts';
import type { RoomCodes } from './roomCodes.ts';
import type { Challenges } from './sync/challenges.ts';
import { admit } from './sync/login.ts';
import { stepPreviewOf } from './sync/stepPreview.ts';
import type { FirstIdeaOutcome } from './sync/firstIdea.ts';
import { storedFromBody } from '../lib/model/firstIdea.ts';
import type { SessionData } from '../lib/model/sessionData.ts';

const maxBodyBytes = 1024;
/** A first idea: its text (up to 1,200 characters, escaped in JSON) and the signed record. */
const maxIdeaBodyBytes = 16 * 1024;

export interface HubApiContext {
  readonly host: string | undefined;
  readonly port: () => number;
  readonly roomCodes: RoomCodes;
  readonly challenges: Challenges;
  /** A room's checked records while this hub holds it (for a joining phone's step preview). */
  readonly sessionData?: (roomId: string) => SessionData | undefined;
  /** Puts a joining phone's first idea in a room this hub holds (sync/firstIdea.ts). */
  readonly addFirstIdea?: (roomId: string, key: string, value: unknown) => FirstIdeaOutcome;
  /** The client's address (behind a proxy: the one the proxy saw); the socket's by default. */
  readonly clientAddress?: (req: IncomingMessage) => string;
  /** Behind a balancer: phones use the address the page was opened at, whatever it is. */
  readonly hosted?: boolean;
}

const challengePath = new RegExp(`^/api/rooms/([0-9a-z]{${roomIdLength}})/challenge$`);
const previewPath = new RegExp(`^/api/rooms/([0-9a-z]{${roomIdLength}})/preview$`);
const ideasPath = new RegExp(`^/api/rooms/([0-9a-z]{${roomIdLength}})/ideas$`);

/** How the hub answers each outcome of a first idea. */
const firstIdeaAnswers: Record<FirstIdeaOutcome, [number, string]> = {
  added: [200, 'Added.'],
  notHeld: [404, 'This hub does not hold the room.'],
  invalid: [400, 'Not a signed first idea for this room.'],
  closed: [409, 'The step does not take ideas now.'],
  exists: [409, 'This person has ideas in the step already.'],
  stale: [409, 'Other ideas came in since; the session adds this one.'],
  full: [507, 'The room is full.']
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function readSmallBody(
  req: IncomingMessage,
  limit: number = maxBodyBytes
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let body = '';
    let tooBig = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        tooBig = true;
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(tooBig ? undefined : body));
    req.on('error', () => resolve(undefined));
  });
}

function parseJson(body: string | undefined): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseRoomKey(body: string): string | undefined {
  const roomKey = parseJson(body)?.['roomKey'];
  return typeof roomKey === 'string' ? roomKey : undefined;
}

/**
 * The hub's small JSON API: where phones can reach it (for the join QR), login challenges
 * and short session codes. Returns false for any other path, so the app handles it.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  context: HubApiContext
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://hub');
  if (!url.pathname.startsWith('/api/')) return false;

  if (url.pathname === '/api/hub' && req.method === 'GET') {
    if (context.hosted) {
      sendJson(res, 200, { addresses: [], port: context.port(), hosted: true });
      return true;
    }
    const { lan } = reachability(context.host, networkInterfaces());
    sendJson(res, 200, { addresses: lan.map((entry) => entry.address), port: context.port() });
    return true;
  }

  // A fresh login challenge for a room (access/hubLogin.ts): devices sign it, send no secret.
  const challenge = challengePath.exec(url.pathname);
  if (challenge && req.method === 'GET') {
    sendJson(res, 200, { challenge: context.challenges.issue(challenge[1] as string) });
    return true;
  }

  // A joining phone's first screen (domain/stepPreview.ts): the current step, for a login
  // token of a fresh challenge, as the relay asks. 404 when there is nothing to preview here
  // (no brainstorm open, or the room not held by this hub): the phone then waits for its sync.
  const preview = previewPath.exec(url.pathname);
  if (preview && req.method === 'POST') {
    const roomId = preview[1] as string;
    const body = parseJson(await readSmallBody(req));
    if (!body || !admit(body['token'], roomId, context.challenges)) {
      sendJson(res, 403, { error: 'No access to this room.' });
      return true;
    }
    const data = context.sessionData?.(roomId);
    const found = data && stepPreviewOf(data, body['locale'] === 'en' ? 'en' : 'nl');
    if (found) sendJson(res, 200, found);
    else sendJson(res, 404, { error: 'Nothing to preview.' });
    return true;
  }

  // A joining phone's first idea, before its session has loaded (model/firstIdea.ts): for a
  // login token of a fresh challenge, put in the room as if sent over the relay.
  const ideas = ideasPath.exec(url.pathname);
  if (ideas && req.method === 'POST') {
    const roomId = ideas[1] as string;
    const body = parseJson(await readSmallBody(req, maxIdeaBodyBytes));
    if (!body || !admit(body['token'], roomId, context.challenges)) {
      sendJson(res, 403, { error: 'No access to this room.' });
      return true;
    }
    const key = body['key'];
    const value = storedFromBody(body['entry']);
    const outcome =
      typeof key === 'string' && value
        ? (context.addFirstIdea?.(roomId, key, value) ?? 'notHeld')
        : 'invalid';
    const [status, message] = firstIdeaAnswers[outcome];
    sendJson(res, status, status === 200 ? { added: true } : { error: message });
    return true;
  }

  if (url.pathname === '/api/room-codes' && req.method === 'POST') {
    const body = await readSmallBody(req);
    const code =
      body === undefined ? undefined : await context.roomCodes.register(parseRoomKey(body) ?? '');
    if (code) sendJson(res, 200, { code });
    else sendJson(res, 400, { error: 'A room key is needed.' });
    return true;
  }

  const lookup = /^\/api\/room-codes\/([^/]{1,32})$/.exec(url.pathname);
  if (lookup && req.method === 'GET') {
    let typed = '';
    try {
      typed = decodeURIComponent(lookup[1] ?? '');
    } catch {
      // A malformed escape is just an unknown code.
    }
    const address = context.clientAddress?.(req) ?? req.socket.remoteAddress ?? 'unknown';
    const result = await context.roomCodes.lookUp(typed, address);
    if (result.ok) sendJson(res, 200, { roomKey: result.roomKey });
    else if (result.problem === 'tooMany')
      sendJson(res, 429, { error: 'Too many tries; wait a minute.' });
    else sendJson(res, 404, { error: 'Unknown code.' });
    return true;
  }

  sendJson(res, 404, { error: 'Not found.' });
  return true;
}
