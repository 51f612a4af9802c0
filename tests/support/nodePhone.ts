// A phone in Node running Kring's own sync code: RoomConnection (relay only; no IndexedDB in
// Node, so it keeps the doc in memory, as a browser without storage does), logging in with a
// fresh challenge, and writing ideas into its own signed entry as the join page does.
import type * as Y from 'yjs';
import { loginKeysFor } from '../../src/lib/access/hubLogin.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { randomId, shortId } from '../../src/lib/domain/ids.ts';
import { entryKey, roots, type NoteItem } from '../../src/lib/model/records.ts';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import { presenceIdOf } from '../../src/lib/access/presenceId.ts';
import { localOrigin, RoomConnection, type HubState } from '../../src/lib/sync/RoomConnection.ts';
import { ideasIn } from './ideas.ts';

/** The step Node phones write in (a room of their own: no script needed to keep ideas). */
const step = 's1';

export class NodePhone {
  readonly connection: RoomConnection;
  /** Every hub state the phone went through, in order. */
  readonly states: HubState[] = [];
  readonly label: string;
  readonly #secret = randomId();
  readonly #ideas: NoteItem[] = [];

  constructor(origin: string, roomKey: string, label: string) {
    this.label = label;
    this.connection = new RoomConnection({
      roomKey,
      origin,
      paths: { relay: true, peer: false },
      login: loginKeysFor(roomKey, this.#secret),
      presence: ({ roomId }) => ({ id: presenceIdOf(this.#secret, roomId), role: 'participant' })
    });
    this.connection.subscribe((status) => {
      if (this.states.at(-1) !== status.hub) this.states.push(status.hub);
    });
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  get roomId(): string {
    return this.connection.secrets.roomId;
  }

  get hub(): HubState {
    return this.connection.status.hub;
  }

  /** Adds an idea: this phone's whole entry, signed again, in one local transaction. */
  write(): string {
    const id = shortId();
    const n = this.#ideas.length;
    this.#ideas.push([id, 'c1', `${this.label} note ${n}`, Math.floor(Date.now() / 1000), n + 1]);
    const author = roomIdentity(this.#secret, this.roomId).author(step);
    const entry = signEntry(this.roomId, step, author, n + 1, 0, { n: [...this.#ideas] });
    this.doc.transact(
      () => this.doc.getMap(roots.entries).set(entryKey(step, author.id), entry),
      localOrigin
    );
    return id;
  }

  /** Every idea on this phone, from everyone. */
  noteIds(): string[] {
    return [...ideasIn(this.doc).keys()];
  }

  destroy(): void {
    this.connection.destroy();
  }
}
