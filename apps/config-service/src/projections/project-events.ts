import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../event-store/stored-event';
import { keyOfStream } from '../event-store/stream-id';
import { foldView, type EntityView } from './entity-view';
import { toEntityView, VIEW_COLUMNS, type EntityViewRow } from './entity-view-row';

/** Brings `entity_views` up to date with freshly appended events of one stream, inside the append's transaction. */
export async function projectEvents(tx: EntityManager, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { streamType, streamId } = events[0];
  const rows: EntityViewRow[] = await tx.query(
    `select ${VIEW_COLUMNS} from entity_views where stream_type = $1 and key = $2 for update`,
    [streamType, keyOfStream(streamId)],
  );
  const view = foldView(events, rows[0] ? toEntityView(rows[0]) : undefined);
  if (view) await upsertView(tx, view);
}

export async function upsertView(tx: EntityManager, view: EntityView): Promise<void> {
  // The version guard keeps a late writer from overwriting a newer view (e.g. around a rebuild).
  await tx.query(
    `insert into entity_views (${VIEW_COLUMNS}) values ($1, $2, $3, $4, $5, $6)
     on conflict (stream_type, key) do update
       set version = excluded.version, state = excluded.state, archived = excluded.archived, updated_at = excluded.updated_at
       where entity_views.version < excluded.version`,
    [view.streamType, view.key, view.version, JSON.stringify(view.state), view.archived, view.updatedAt],
  );
}
