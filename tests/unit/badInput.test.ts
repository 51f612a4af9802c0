import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { checkNoteText, maxNoteLength } from '../../src/lib/domain/board.ts';
import { checkDisplayName, maxNameLength } from '../../src/lib/domain/participant.ts';
import { insertNote, readNotes } from '../../src/lib/sync/boardDoc.ts';
import {
  checkJoinLink,
  deriveRoomSecrets,
  newRoomKey,
  type JoinCheck
} from '../../src/lib/sync/roomAccess.ts';
import {
  archiveText,
  maxArchiveBytes,
  readArchive,
  type ArchiveProblem
} from '../../src/lib/export/archive.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import {
  maxTemplateFileBytes,
  readTemplateFile,
  templateFileText
} from '../../src/lib/scripts/templateFile.ts';
import { handleApi } from '../../src/hub/api.ts';
import { RoomCodes } from '../../src/hub/roomCodes.ts';
import {
  authMessage,
  closed,
  hocuspocusMessage,
  newTestRoom,
  poll,
  SyncTestKit,
  updateMessage,
  type SyncServer,
  type TestRoom
} from '../support/syncServer.ts';
import { buildFixture } from './exportFixture.ts';

/*
 * Bad input, one row each: what a person might type or paste, what a broken or hostile
 * device might send, and what must come back — a clear refusal, no crash, nothing lost.
 * Template and archive files are the last two tables.
 */

// ---- join links ----------------------------------------------------------------------------

const key = newRoomKey();
const { roomId } = deriveRoomSecrets(key);
const [keyPart = '', verifierPart = ''] = key.split('.');

type JoinExpectation = 'ok' | Exclude<JoinCheck, { ok: true }>['problem'];

const joinLinks: readonly [string, string, string, JoinExpectation][] = [
  ['the link as shown', roomId, `#${key}`, 'ok'],
  ['a key typed in capitals', roomId, `#${key.toUpperCase()}`, 'ok'],
  ['a room id typed in capitals', roomId.toUpperCase(), `#${key}`, 'ok'],
  ['no fragment at all', roomId, '', 'missing'],
  ['only the hash sign', roomId, '#', 'missing'],
  ['the key cut off in the middle', roomId, `#${key.slice(0, 20)}`, 'truncated'],
  ['the key without its facilitator part', roomId, `#${keyPart}`, 'truncated'],
  [
    'the facilitator part cut short',
    roomId,
    `#${keyPart}.${verifierPart.slice(0, 10)}`,
    'truncated'
  ],
  ['a character too many', roomId, `#${key}x`, 'malformed'],
  ['a third part', roomId, `#${key}.abc`, 'malformed'],
  [
    'letters that base32 leaves out (i, l, o, u)',
    roomId,
    `#${key.replace(/[0-9]/, 'u')}`,
    'malformed'
  ],
  ['percent-encoded', roomId, `#${encodeURIComponent(`${key} `)}%20`, 'malformed'],
  ['HTML in the fragment', roomId, '#<script>alert(1)</script>', 'malformed'],
  ['an emoji', roomId, '#🙂', 'malformed'],
  ['right-to-left override', roomId, `#\u202e${key}`, 'malformed'],
  ['a NUL byte', roomId, `#${key}\u0000`, 'malformed'],
  ['a megabyte of key', roomId, `#${'a'.repeat(1_000_000)}`, 'malformed'],
  ['the key of another room', deriveRoomSecrets(newRoomKey()).roomId, `#${key}`, 'mismatch'],
  [
    'a room id with a typo',
    `${roomId.slice(0, -1)}${roomId.endsWith('a') ? 'b' : 'a'}`,
    `#${key}`,
    'mismatch'
  ],
  ['an empty room id', '', `#${key}`, 'mismatch']
];

describe('join links', () => {
  it.each(joinLinks)('%s', (_name, room, fragment, expected) => {
    const check = checkJoinLink(room, fragment);
    expect(check.ok ? 'ok' : check.problem).toBe(expected);
  });
});

// ---- note text and display names -------------------------------------------------------------

type TextExpectation = { ok: true; text: string } | { ok: false; error: 'empty' | 'tooLong' };

const noteTexts: readonly [string, string, TextExpectation][] = [
  ['plain text', 'Meer fietsenstallingen', { ok: true, text: 'Meer fietsenstallingen' }],
  ['empty', '', { ok: false, error: 'empty' }],
  ['only spaces and newlines', '  \n\t \r\n ', { ok: false, error: 'empty' }],
  ['only invisible characters', '\u200b\u200b\u0007', { ok: false, error: 'empty' }],
  ['exactly the limit', 'x'.repeat(maxNoteLength), { ok: true, text: 'x'.repeat(maxNoteLength) }],
  ['one over the limit', 'x'.repeat(maxNoteLength + 1), { ok: false, error: 'tooLong' }],
  ['a megabyte', 'x'.repeat(1_000_000), { ok: false, error: 'tooLong' }],
  [
    'emoji count as one character each',
    '🙂'.repeat(maxNoteLength),
    { ok: true, text: '🙂'.repeat(maxNoteLength) }
  ],
  [
    'HTML and script stay text',
    '<img src=x onerror=alert(1)>',
    { ok: true, text: '<img src=x onerror=alert(1)>' }
  ],
  ['control characters are removed', 'a\u0000b\u0007c\u001bd', { ok: true, text: 'abcd' }],
  [
    'Windows line ends and blank runs are tidied',
    'a\r\n\r\n\r\n\r\nb',
    { ok: true, text: 'a\n\nb' }
  ],
  ['Arabic, right to left', 'مكان للقاء', { ok: true, text: 'مكان للقاء' }],
  ['a lone surrogate (not valid Unicode) is dropped', 'ab\ud800cd', { ok: true, text: 'abcd' }]
];

describe('note text', () => {
  it.each(noteTexts)('%s', (_name, raw, expected) => {
    const check = checkNoteText(raw);
    expect(check.ok ? { ok: true, text: check.text } : { ok: false, error: check.error }).toEqual(
      expected
    );
  });

  it('reaches every device exactly as its author sees it', () => {
    // Yjs stores text as UTF-8: text that is not valid Unicode would arrive changed elsewhere.
    for (const [, raw] of noteTexts) {
      const check = checkNoteText(raw);
      if (!check.ok) continue;
      const author = new Y.Doc();
      insertNote(author, {
        id: 'n',
        step: 's1',
        column: 'c1',
        text: check.text,
        colour: 'yellow',
        author: 'a',
        position: 1,
        created: 1
      });
      const other = new Y.Doc();
      Y.applyUpdate(other, Y.encodeStateAsUpdate(author));
      expect(readNotes(other).get('n')?.text).toBe(readNotes(author).get('n')?.text);
    }
  });
});

const displayNames: readonly [
  string,
  string,
  { ok: true; name: string | undefined } | { ok: false }
][] = [
  ['empty means anonymous', '', { ok: true, name: undefined }],
  ['spaces only mean anonymous', '   ', { ok: true, name: undefined }],
  ['a name', 'Fatima', { ok: true, name: 'Fatima' }],
  ['inner whitespace collapses', '  Jan \n\t Peeters ', { ok: true, name: 'Jan Peeters' }],
  ['exactly the limit', 'n'.repeat(maxNameLength), { ok: true, name: 'n'.repeat(maxNameLength) }],
  ['one over the limit', 'n'.repeat(maxNameLength + 1), { ok: false }],
  ['emoji', '🦊 Vos', { ok: true, name: '🦊 Vos' }],
  ['HTML stays text', '<b>baas</b>', { ok: true, name: '<b>baas</b>' }],
  ['control characters are removed', 'An\u0000na\u0007', { ok: true, name: 'Anna' }],
  ['a megabyte', 'n'.repeat(1_000_000), { ok: false }]
];

describe('display names', () => {
  it.each(displayNames)('%s', (_name, raw, expected) => {
    const check = checkDisplayName(raw);
    expect(check.ok ? { ok: true, name: check.name } : { ok: false }).toEqual(expected);
  });
});

// ---- hub messages ------------------------------------------------------------------------------

interface HubCase {
  readonly name: string;
  readonly path: 'sync' | 'signal';
  /** Whether to prove the room's token first (an insider sending garbage). */
  readonly member: boolean;
  readonly send: (ws: WebSocket, room: TestRoom) => void;
  /** The close code expected, or 'open' when the hub just ignores the message. */
  readonly expect: number | 'closed' | 'open';
}

const validUpdate = (() => {
  const doc = new Y.Doc();
  doc.getMap('notes').set('x', 'y'.repeat(100));
  return Y.encodeStateAsUpdate(doc);
})();

const hubCases: readonly HubCase[] = [
  {
    name: 'an empty binary frame',
    path: 'sync',
    member: false,
    send: (ws) => ws.send(new Uint8Array(0)),
    expect: 'closed'
  },
  {
    name: 'random bytes',
    path: 'sync',
    member: false,
    send: (ws) => ws.send(crypto.getRandomValues(new Uint8Array(300))),
    expect: 'closed'
  },
  {
    name: 'a text frame',
    path: 'sync',
    member: false,
    send: (ws) => ws.send('{"hello":1}'),
    expect: 1008
  },
  {
    name: 'a frame over the size limit',
    path: 'sync',
    member: false,
    send: (ws) => ws.send(new Uint8Array(128 * 1024)),
    expect: 1009
  },
  {
    name: 'a length prefix that overflows',
    path: 'sync',
    member: false,
    send: (ws) => ws.send(new Uint8Array(20).fill(0xff)),
    expect: 'closed'
  },
  {
    name: 'a 60 KB room name',
    path: 'sync',
    member: false,
    send: (ws, room) => ws.send(authMessage('r'.repeat(60_000), room.facilitator)),
    expect: 'open'
  },
  {
    name: 'a 50 KB token',
    path: 'sync',
    member: false,
    send: (ws, room) => ws.send(authMessage(room.roomId, 't'.repeat(50_000))),
    expect: 'open'
  },
  {
    name: 'a room name with invalid UTF-8',
    path: 'sync',
    member: false,
    send: (ws, room) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint8Array(encoder, new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]));
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, room.facilitator);
      ws.send(encoding.toUint8Array(encoder));
    },
    expect: 'open'
  },
  {
    name: 'the room name with a NUL and another room’s token',
    path: 'sync',
    member: false,
    send: (ws, room) => ws.send(authMessage(`${room.roomId}\u0000x`, newTestRoom().facilitator)),
    expect: 'open'
  },
  {
    name: 'an update before proving the key',
    path: 'sync',
    member: false,
    send: (ws, room) => ws.send(updateMessage(room.roomId, validUpdate)),
    expect: 'open'
  },
  {
    name: 'a truncated Yjs update from a member',
    path: 'sync',
    member: true,
    send: (ws, room) =>
      ws.send(updateMessage(room.roomId, validUpdate.slice(0, validUpdate.length >> 1))),
    expect: 'open'
  },
  {
    name: 'a Yjs update in the wrong format version',
    path: 'sync',
    member: true,
    send: (ws, room) =>
      ws.send(updateMessage(room.roomId, Y.convertUpdateFormatV1ToV2(validUpdate))),
    expect: 'open'
  },
  {
    name: 'a state vector that is not one',
    path: 'sync',
    member: true,
    send: (ws, room) =>
      ws.send(
        hocuspocusMessage(room.roomId, (e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff]));
        })
      ),
    expect: 'open'
  },
  {
    name: 'awareness that is not awareness',
    path: 'sync',
    member: true,
    send: (ws, room) =>
      ws.send(
        hocuspocusMessage(room.roomId, (e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, new Uint8Array([5, 0xff, 0xff, 0xff]));
        })
      ),
    expect: 'open'
  },
  {
    name: 'an unknown message type',
    path: 'sync',
    member: true,
    send: (ws, room) =>
      ws.send(hocuspocusMessage(room.roomId, (e) => encoding.writeVarUint(e, 99))),
    expect: 'open'
  },
  {
    name: 'signaling: not JSON',
    path: 'signal',
    member: true,
    send: (ws) => ws.send('{"type": subscribe'),
    expect: 1008
  },
  {
    name: 'signaling: invalid UTF-8 in a text frame',
    path: 'signal',
    member: true,
    send: (ws) => ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }),
    expect: 1007
  },
  {
    name: 'signaling: JSON nested 100 000 deep',
    path: 'signal',
    member: true,
    send: (ws) => ws.send('['.repeat(100_000) + ']'.repeat(100_000)),
    expect: 1008
  },
  {
    name: 'signaling: a __proto__ key',
    path: 'signal',
    member: true,
    send: (ws, room) =>
      ws.send(`{"type":"subscribe","topics":["${room.roomId}"],"__proto__":{"type":"publish"}}`),
    expect: 'open'
  },
  {
    name: 'signaling: wrong types for every field',
    path: 'signal',
    member: true,
    send: (ws) => ws.send('{"type":["publish"],"topic":{},"topics":7,"data":null}'),
    expect: 'open'
  },
  {
    name: 'signaling: a frame over the size limit',
    path: 'signal',
    member: true,
    send: (ws) => ws.send('x'.repeat(300 * 1024)),
    expect: 1009
  }
];

describe('hub messages', () => {
  const kit = new SyncTestKit();
  let hub: SyncServer;
  let room: TestRoom;
  const noteText = 'blijft staan, wat er ook binnenkomt';

  beforeAll(async () => {
    hub = await kit.start({ maxRelayMessageBytes: 64 * 1024 });
    room = newTestRoom();
    const owner = kit.connect(hub, room.roomId, room.facilitator);
    insertNote(owner.document, {
      id: 'keep',
      step: 's1',
      column: 'c1',
      text: noteText,
      colour: 'yellow',
      author: 'owner',
      position: 1,
      created: 1
    });
    await vi.waitFor(() => expect(owner.hasUnsyncedChanges).toBe(false), poll);
  });

  afterAll(() => kit.cleanup());

  it.each(hubCases)('$name', async (testCase) => {
    // Hocuspocus and y-protocols log what they could not decode.
    const quiet = [
      vi.spyOn(console, 'error').mockImplementation(() => {}),
      vi.spyOn(console, 'warn').mockImplementation(() => {})
    ];
    try {
      const path =
        testCase.path === 'sync' ? '/sync' : `/signal?room=${room.roomId}&token=${room.hubToken}`;
      const ws = await kit.raw(hub.url(path));
      if (testCase.member && testCase.path === 'sync') {
        ws.send(authMessage(room.roomId, room.facilitator));
      }
      const end = closed(ws);
      testCase.send(ws, room);
      if (testCase.expect === 'open') {
        // Answered or ignored, not fatal: a ping still gets its pong.
        const pong = new Promise<void>((resolve) => ws.once('pong', () => resolve()));
        ws.ping();
        await Promise.race([pong, end]);
      } else {
        const { code } = await end;
        if (testCase.expect === 'closed') expect(code).toBeGreaterThanOrEqual(1000);
        else expect(code).toBe(testCase.expect);
      }
      // Nothing lost: a fresh phone still gets the room as it was.
      const reader = kit.connect(hub, room.roomId, room.facilitator);
      await vi.waitFor(
        () => expect(readNotes(reader.document).get('keep')?.text).toBe(noteText),
        poll
      );
      reader.destroy();
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
  });
});

// ---- room-code API ---------------------------------------------------------------------------

interface ApiCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly status: number | 'cut';
  readonly error?: string;
}

const apiCases: readonly ApiCase[] = [
  {
    name: 'no body',
    method: 'POST',
    path: '/api/room-codes',
    status: 400,
    error: 'A room key is needed.'
  },
  {
    name: 'not JSON',
    method: 'POST',
    path: '/api/room-codes',
    body: 'roomKey=abc',
    status: 400,
    error: 'A room key is needed.'
  },
  {
    name: 'JSON that is not an object',
    method: 'POST',
    path: '/api/room-codes',
    body: '[1,2]',
    status: 400,
    error: 'A room key is needed.'
  },
  {
    name: 'a number for the key',
    method: 'POST',
    path: '/api/room-codes',
    body: '{"roomKey":42}',
    status: 400,
    error: 'A room key is needed.'
  },
  {
    name: 'a malformed key',
    method: 'POST',
    path: '/api/room-codes',
    body: '{"roomKey":"<script>"}',
    status: 400,
    error: 'A room key is needed.'
  },
  {
    name: 'a body over 1 KB',
    method: 'POST',
    path: '/api/room-codes',
    body: `{"roomKey":"${'a'.repeat(4096)}"}`,
    status: 'cut'
  },
  {
    name: 'an unknown code',
    method: 'GET',
    path: '/api/room-codes/ZZZZZZ',
    status: 404,
    error: 'Unknown code.'
  },
  {
    name: 'a malformed escape',
    method: 'GET',
    path: '/api/room-codes/%E0%A4%A',
    status: 404,
    error: 'Unknown code.'
  },
  {
    name: 'an emoji code',
    method: 'GET',
    path: `/api/room-codes/${encodeURIComponent('🙂🙂')}`,
    status: 404,
    error: 'Unknown code.'
  },
  {
    name: 'a 40-character code',
    method: 'GET',
    path: `/api/room-codes/${'A'.repeat(40)}`,
    status: 404,
    error: 'Not found.'
  },
  {
    name: 'a path past the code',
    method: 'GET',
    path: '/api/room-codes/ABCDEF/more',
    status: 404,
    error: 'Not found.'
  },
  {
    name: 'an unknown method',
    method: 'PUT',
    path: '/api/room-codes',
    body: '{}',
    status: 404,
    error: 'Not found.'
  }
];

describe('room-code API', () => {
  let server: http.Server;
  let port: number;
  const codes = new RoomCodes();
  const realKey = newRoomKey();
  let realCode = '';

  beforeAll(async () => {
    realCode = (await codes.register(realKey)) ?? '';
    server = http.createServer((req, res) => {
      void handleApi(req, res, { host: '127.0.0.1', port: () => port, roomCodes: codes });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function request(method: string, path: string, body?: string) {
    return new Promise<{ status: number; json: Record<string, unknown> } | 'cut'>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method, path }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') })
        );
      });
      req.on('error', () => resolve('cut'));
      req.end(body);
    });
  }

  it.each(apiCases)('$name', async ({ method, path, body, status, error }) => {
    const response = await request(method, path, body);
    if (status === 'cut') {
      // Oversized uploads are cut off (or refused) without reading them to the end.
      if (response !== 'cut') expect(response.status).toBe(400);
    } else {
      expect(response).not.toBe('cut');
      if (response === 'cut') return;
      expect(response.status).toBe(status);
      if (error) expect(response.json).toEqual({ error });
      expect(JSON.stringify(response.json)).not.toMatch(/at .*\.ts|Error:/);
    }
    // Nothing lost: the real code still leads to its room (from another address's budget).
    expect(await codes.lookUp(realCode, 'checker')).toEqual({ ok: true, roomKey: realKey });
  });

  it('stops answering a guesser after ten wrong codes a minute', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await request('GET', `/api/room-codes/WRONG${i}`);
      answers.push(response === 'cut' ? 0 : response.status);
    }
    // The ten-failure budget was partly spent by the table above, from the same address.
    expect(answers.at(-1)).toBe(429);
    expect(answers.every((status) => status === 404 || status === 429)).toBe(true);
    const blocked = await request('GET', `/api/room-codes/${realCode}`);
    expect(blocked !== 'cut' && blocked.json).toEqual({ error: 'Too many tries; wait a minute.' });
  });
});

// ---- template files ------------------------------------------------------------------------

/** The SWOT script as its template file, changed in one place. */
function templateWith(change: (script: Record<string, unknown>) => void): string {
  const script = JSON.parse(templateFileText(swot)) as Record<string, unknown>;
  change(script);
  return JSON.stringify(script);
}

const firstStep = (script: Record<string, unknown>) =>
  (script['steps'] as Record<string, unknown>[])[0] as Record<string, unknown>;

/** Bytes as a browser's File.text() decodes them: invalid UTF-8 becomes U+FFFD. */
const decoded = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

type TemplateExpectation =
  | { readonly ok: true; readonly title?: string }
  | { readonly reason: 'tooBig' | 'notJson' | 'sessionArchive' | 'notScript' }
  | { readonly reason: 'invalid'; readonly field: string };

const templateFiles: readonly [string, () => string, TemplateExpectation][] = [
  ['an empty file', () => '', { reason: 'notJson' }],
  ['only spaces and newlines', () => ' \n\t ', { reason: 'notJson' }],
  ['far too big', () => ' '.repeat(maxTemplateFileBytes + 1), { reason: 'tooBig' }],
  ['cut off halfway', () => templateFileText(swot).slice(0, 700), { reason: 'notJson' }],
  ['a web page saved by mistake', () => '<!doctype html><title>x</title>', { reason: 'notJson' }],
  ['a JSON list', () => '[1, 2, 3]', { reason: 'notScript' }],
  ['JSON null', () => 'null', { reason: 'notScript' }],
  ['a number', () => '42', { reason: 'notScript' }],
  ['another app’s JSON', () => '{"name":"kring","version":"1.0.0"}', { reason: 'notScript' }],
  [
    'a newer schema version',
    () => templateWith((s) => (s['schema'] = 2)),
    { reason: 'invalid', field: 'schema' }
  ],
  [
    'steps as text instead of a list',
    () => templateWith((s) => (s['steps'] = 'stap 1, stap 2')),
    { reason: 'invalid', field: 'steps' }
  ],
  [
    'minutes as text',
    () => templateWith((s) => (firstStep(s)['minutes'] = '10')),
    { reason: 'invalid', field: 'steps.0.minutes' }
  ],
  [
    'an activity Kring does not know',
    () => templateWith((s) => (firstStep(s)['activity'] = { type: 'quiz' })),
    { reason: 'invalid', field: 'steps.0.activity.type' }
  ],
  [
    'an empty English title',
    () => templateWith((s) => ((s['title'] as Record<string, string>)['en'] = '   ')),
    { reason: 'invalid', field: 'title.en' }
  ],
  [
    'a title of 10,000 characters',
    () => templateWith((s) => ((s['title'] as Record<string, string>)['nl'] = 'x'.repeat(10_000))),
    { reason: 'invalid', field: 'title.nl' }
  ],
  [
    'a Kring session archive instead',
    () => archiveText(fixture.record, fixture.doc, 0),
    { reason: 'sessionArchive' }
  ],
  [
    'HTML and script in a title: kept as text',
    () =>
      templateWith(
        (s) => ((s['title'] as Record<string, string>)['nl'] = '<img src=x onerror=alert(1)>')
      ),
    { ok: true, title: '<img src=x onerror=alert(1)>' }
  ],
  [
    'emoji and right-to-left text in a title',
    () =>
      templateWith(
        (s) => ((s['title'] as Record<string, string>)['nl'] = 'Vrije tijd 🎉 وقت الفراغ')
      ),
    { ok: true, title: 'Vrije tijd 🎉 وقت الفراغ' }
  ],
  [
    'invalid UTF-8 inside a title: shown as replacement characters',
    () =>
      decoded(
        new TextEncoder().encode(templateWith((s) => (s['title'] = { nl: 'TITEL', en: 'Title' })))
      ).replace('TITEL', decoded(new Uint8Array([0x54, 0xff, 0xfe, 0x54]))),
    { ok: true, title: 'T\ufffd\ufffdT' }
  ],
  [
    'a byte order mark before the JSON (Windows Notepad)',
    () => `\ufeff${templateFileText(swot)}`,
    { ok: true, title: swot.title.nl }
  ]
];

const fixture = buildFixture();

describe('template files', () => {
  it.each(templateFiles)('%s', (_name, file, expected) => {
    const check = readTemplateFile(file());
    if ('ok' in expected) {
      expect(check.ok).toBe(true);
      if (check.ok && expected.title) expect(check.script.title.nl).toBe(expected.title);
      return;
    }
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason).toBe(expected.reason);
    if (check.reason === 'invalid' && 'field' in expected) {
      expect(check.problems.length).toBeGreaterThan(0);
      expect(check.problems.map((problem) => problem.field)).toContain(expected.field);
    }
  });
});

// ---- archive files -------------------------------------------------------------------------

/** The fixture session's archive, changed in one place. */
function archiveWith(change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(archiveText(fixture.record, fixture.doc, 0)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

const archivedSession = (json: Record<string, unknown>) =>
  json['session'] as Record<string, unknown>;

type ArchiveExpectation = { readonly ok: true; readonly title?: string } | ArchiveProblem['reason'];

const archiveFiles: readonly [string, () => string, ArchiveExpectation][] = [
  ['an empty file', () => '', 'notJson'],
  ['far too big', () => ' '.repeat(maxArchiveBytes + 1), 'tooLarge'],
  [
    'cut off while copying',
    () => archiveText(fixture.record, fixture.doc, 0).slice(0, 2000),
    'truncated'
  ],
  ['a spreadsheet export', () => '\ufeffstap,kolom,tekst\r\nswot,c1,idee\r\n', 'notJson'],
  ['a template file', () => templateFileText(swot), 'script'],
  ['JSON text', () => '"kring-session"', 'notArchive'],
  ['another app’s JSON', () => '{"kring":"something-else","version":1}', 'notArchive'],
  ['version 2 (a newer Kring)', () => archiveWith((j) => (j['version'] = 2)), 'wrongVersion'],
  ['version as text', () => archiveWith((j) => (j['version'] = '1')), 'wrongVersion'],
  ['no version', () => archiveWith((j) => delete j['version']), 'wrongVersion'],
  ['session as a list', () => archiveWith((j) => (j['session'] = [])), 'badSession'],
  [
    'created at as text',
    () => archiveWith((j) => (archivedSession(j)['createdAt'] = 'gisteren')),
    'badSession'
  ],
  [
    'a title of control characters only',
    () => archiveWith((j) => (archivedSession(j)['title'] = '\u0000\u0007\u001b')),
    'badSession'
  ],
  [
    'control characters and a line break in the title: cleaned',
    () => archiveWith((j) => (archivedSession(j)['title'] = 'Start\u0000moment\u200b\nLier')),
    { ok: true, title: 'Startmoment Lier' }
  ],
  ['a doc as a number', () => archiveWith((j) => (j['doc'] = 12345)), 'badDoc'],
  ['an empty doc', () => archiveWith((j) => (j['doc'] = '')), 'badDoc'],
  [
    'a script with HTML where a step list belongs',
    () =>
      archiveWith((j) => ((j['script'] as Record<string, unknown>)['steps'] = '<b>stappen</b>')),
    'badScript'
  ],
  [
    'HTML in the title: kept as text',
    () => archiveWith((j) => (archivedSession(j)['title'] = '<script>alert(1)</script>')),
    { ok: true, title: '<script>alert(1)</script>' }
  ],
  [
    'emoji and right-to-left text in the title',
    () => archiveWith((j) => (archivedSession(j)['title'] = 'Startmoment 🎉 بداية')),
    { ok: true, title: 'Startmoment 🎉 بداية' }
  ],
  [
    'a byte order mark before the JSON',
    () => `\ufeff${archiveText(fixture.record, fixture.doc, 0)}`,
    { ok: true, title: fixture.record.title }
  ]
];

describe('archive files', () => {
  it.each(archiveFiles)('%s', (_name, file, expected) => {
    const check = readArchive(file());
    if (typeof expected === 'object') {
      expect(check.ok).toBe(true);
      if (check.ok && expected.title) expect(check.archive.session.title).toBe(expected.title);
      // Nothing lost: every note of the session is in the imported doc.
      if (check.ok) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, check.archive.update);
        expect(readNotes(doc)).toEqual(readNotes(fixture.doc));
      }
      return;
    }
    expect(check).toMatchObject({ ok: false, reason: expected });
  });
});
