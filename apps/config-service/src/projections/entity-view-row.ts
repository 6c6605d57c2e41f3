import type { StreamType } from '@xp/contracts';
import type { EntityView } from './entity-view';

export interface EntityViewRow {
  stream_type: string;
  key: string;
  version: number;
  state: Record<string, unknown>;
  archived: boolean;
  updated_at: Date;
}

export const VIEW_COLUMNS = 'stream_type, key, version, state, archived, updated_at';

export function toEntityView(row: EntityViewRow): EntityView {
  return {
    streamType: row.stream_type as StreamType,
    key: row.key,
    version: row.version,
    state: row.state,
    archived: row.archived,
    updatedAt: row.updated_at,
  };
}
