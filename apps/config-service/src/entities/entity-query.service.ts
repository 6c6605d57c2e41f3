import { Inject, Injectable } from '@nestjs/common';
import type { StreamType } from '@xp/contracts';
import { NotFoundError } from '@xp/platform';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { streamIdOf } from '../event-store/stream-id';
import { evolveView, foldView, type EntityView } from '../projections/entity-view';
import { ENTITY_VIEW_STORE, type EntityViewStore } from '../projections/entity-view-store';

@Injectable()
export class EntityQueryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENTITY_VIEW_STORE) private readonly views: EntityViewStore,
  ) {}

  /** The current views, or with `at` every entity as it was at that time (folded from the events up to it), by key. */
  async list(streamType: StreamType, includeArchived: boolean, at?: Date): Promise<EntityView[]> {
    if (!at) return this.views.list(streamType, includeArchived);
    const byStream = new Map<string, EntityView>();
    for (const event of await this.store.readStreamType(streamType, at)) {
      byStream.set(event.streamId, evolveView(byStream.get(event.streamId), event));
    }
    return [...byStream.values()]
      .filter((view) => includeArchived || !view.archived)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The current view, or with `at` the state folded from the events up to that time (time travel). */
  async get(streamType: StreamType, key: string, at?: Date): Promise<EntityView> {
    const view = at
      ? foldView(await this.store.readStream(streamIdOf(streamType, key), at))
      : await this.views.get(streamType, key);
    if (!view) {
      const when = at ? ` at ${at.toISOString()}` : '';
      throw new NotFoundError('not_found', `No ${streamType} '${key}'${when}`, { details: { key, ...(at ? { at: at.toISOString() } : {}) } });
    }
    return view;
  }
}
