// A phone in Node running Kring's own sync code: RoomConnection (relay only; no IndexedDB in
// Node, so it keeps the doc in memory, as a browser without storage does) with participant
// credentials, writing notes as the join page does.
import type * as Y from 'yjs';
import { noteColours } from '../../src/lib/domain/board.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import { authorIdOf, participantCredentials } from '../../src/lib/sync/hubCredentials.ts';
import { presenceIdOf } from '../../src/lib/sync/presenceId.ts';
import { localOrigin, RoomConnection, type HubState } from '../../src/lib/sync/RoomConnection.ts';

export class NodePhone {
  readonly connection: RoomConnection;
  readonly author: string;
  /** Every hub state the phone went through, in order. */
  readonly states: HubState[] = [];
  #written = 0;

  readonly label: string;

  constructor(origin: string, roomKey: string, label: string) {
    this.label = label;
    const secret = randomId();
    this.author = authorIdOf(secret);
    this.connection = new RoomConnection({
      roomKey,
      origin,
      paths: { relay: true, peer: false },
      credentials: (secrets) => participantCredentials(secrets.hubToken, secret),
      presence: ({ roomId }) => ({ id: presenceIdOf(secret, roomId), role: 'participant' })
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

  /** Adds a note (as the join page does: one local transaction). */
  write(): string {
    const n = this.#written++;
    const id = randomId();
    this.doc.transact(
      () =>
        insertNote(this.doc, {
          id,
          step: 's1',
          column: 'c1',
          text: `${this.label} note ${n}`,
          colour: noteColours[n % noteColours.length] ?? 'yellow',
          author: this.author,
          position: n,
          created: Date.now()
        }),
      localOrigin
    );
    return id;
  }

  noteIds(): string[] {
    return [...this.doc.getMap('notes').keys()];
  }

  destroy(): void {
    this.connection.destroy();
  }
}
