import { columnsWithIds } from '$lib/domain/board.ts';
import type { SessionRecord } from '$lib/domain/session.ts';
import { findScript } from '$lib/scripts/catalog.ts';
import { initMeta } from '$lib/sync/boardDoc.ts';
import type { RoomConnection } from '$lib/sync/RoomConnection.ts';

/**
 * Writes a new session's board meta from the facilitator's device, once its local copy is
 * loaded (so an existing board is never re-initialised with a fresh clock).
 */
export function startBoard(connection: RoomConnection, session: SessionRecord): void {
  void connection.whenLocalLoaded.then(() => {
    const script = findScript(session.scriptId);
    const titles = (script?.columns ?? [{ nl: 'Ideeën', en: 'Ideas' }]).map(
      (title) => title[session.locale]
    );
    initMeta(connection.doc, {
      title: session.title,
      scriptId: session.scriptId,
      locale: session.locale,
      created: session.createdAt,
      columns: columnsWithIds(titles)
    });
  });
}
