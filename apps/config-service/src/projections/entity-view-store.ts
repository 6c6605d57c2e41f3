import type { StreamType } from '@xp/contracts';
import type { EntityView } from './entity-view';

/** Reads of the `entity_views` projection (writes happen inside EventStore.append and rebuild). */
export interface EntityViewStore {
  get(streamType: StreamType, key: string): Promise<EntityView | undefined>;
  list(streamType: StreamType, includeArchived: boolean): Promise<EntityView[]>;
  /** Truncates the projection and replays every event into it; returns how many events were replayed. */
  rebuild(): Promise<{ events: number; entities: number }>;
}

export const ENTITY_VIEW_STORE = Symbol('ENTITY_VIEW_STORE');
