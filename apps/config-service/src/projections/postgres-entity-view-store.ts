import { Inject, Injectable } from '@nestjs/common';
import type { StreamType } from '@xp/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../event-store/event-row';
import { evolveView, type EntityView } from './entity-view';
import { toEntityView, VIEW_COLUMNS, type EntityViewRow } from './entity-view-row';
import type { EntityViewStore } from './entity-view-store';
import { upsertView } from './project-events';

/** The pool (a read on its own) or a transaction's manager (a read inside a write). */
type Queryable = Pick<DataSource | EntityManager, 'query'>;

export async function readView(db: Queryable, streamType: StreamType, key: string): Promise<EntityView | undefined> {
  const rows: EntityViewRow[] = await db.query(`select ${VIEW_COLUMNS} from entity_views where stream_type = $1 and key = $2`, [streamType, key]);
  return rows[0] ? toEntityView(rows[0]) : undefined;
}

export async function listViews(db: Queryable, streamType: StreamType, includeArchived: boolean): Promise<EntityView[]> {
  const rows: EntityViewRow[] = await db.query(
    `select ${VIEW_COLUMNS} from entity_views where stream_type = $1 and ($2 or not archived) order by key`,
    [streamType, includeArchived],
  );
  return rows.map(toEntityView);
}

@Injectable()
export class PostgresEntityViewStore implements EntityViewStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  get(streamType: StreamType, key: string): Promise<EntityView | undefined> {
    return readView(this.db, streamType, key);
  }

  list(streamType: StreamType, includeArchived: boolean): Promise<EntityView[]> {
    return listViews(this.db, streamType, includeArchived);
  }

  async rebuild(): Promise<{ events: number; entities: number }> {
    return this.db.transaction(async (tx) => {
      // Appends wait for the rebuild instead of projecting into a half-built table.
      await tx.query('lock table entity_views in exclusive mode');
      await tx.query('truncate entity_views');
      const rows: EventRow[] = await tx.query(`select ${EVENT_COLUMNS} from events order by position`);
      const views = new Map<string, EntityView>();
      for (const event of rows.map(toStoredEvent)) views.set(event.streamId, evolveView(views.get(event.streamId), event));
      for (const view of views.values()) await upsertView(tx, view);
      return { events: rows.length, entities: views.size };
    });
  }
}
