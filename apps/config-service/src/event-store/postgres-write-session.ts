import type { StreamType } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import type { EntityManager } from 'typeorm';
import type { EntityView } from '../projections/entity-view';
import { projectEvents } from '../projections/project-events';
import { listViews, readView } from '../projections/postgres-entity-view-store';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-row';
import type { AppendCommand, WriteSession } from './event-store';
import { staleVersionError } from './stale-version-error';
import type { StoredEvent } from './stored-event';
import { streamIdOf } from './stream-id';

/** The reads and the append of one write, all on the transaction `tx`. */
export class PostgresWriteSession implements WriteSession {
  constructor(private readonly tx: EntityManager) {}

  get(streamType: StreamType, key: string): Promise<EntityView | undefined> {
    return readView(this.tx, streamType, key);
  }

  list(streamType: StreamType, includeArchived: boolean): Promise<EntityView[]> {
    return listViews(this.tx, streamType, includeArchived);
  }

  async append(command: AppendCommand): Promise<StoredEvent[]> {
    const streamId = streamIdOf(command.streamType, command.key);
    if (command.decisionId) await claimDecision(this.tx, command.decisionId, streamId);
    const [{ version }] = await this.tx.query('select coalesce(max(version), 0)::int as version from events where stream_id = $1', [streamId]);
    if (version !== command.expectedVersion) throw staleVersionError(command, version);
    const stored = await insertEvents(this.tx, streamId, command);
    if (command.decisionId) {
      await this.tx.query('update processed_commands set position = $2 where decision_id = $1', [command.decisionId, stored[stored.length - 1].position]);
    }
    await projectEvents(this.tx, stored);
    return stored;
  }
}

async function claimDecision(tx: EntityManager, decisionId: string, streamId: string): Promise<void> {
  const claimed = await tx.query(
    'insert into processed_commands (decision_id, stream_id, position) values ($1, $2, 0) on conflict do nothing returning decision_id',
    [decisionId, streamId],
  );
  if (claimed.length === 0) {
    throw new ConflictError('decision_already_processed', `Decision ${decisionId} was already applied`, { details: { decisionId } });
  }
}

async function insertEvents(tx: EntityManager, streamId: string, command: AppendCommand): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const [i, event] of command.events.entries()) {
    // Millisecond precision so that an `occurredAt` read back by a client selects exactly this event in `?at=`.
    const rows: EventRow[] = await tx.query(
      `insert into events (stream_id, stream_type, version, event_type, payload, actor, comment, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, date_trunc('milliseconds', now())) returning ${EVENT_COLUMNS}`,
      [streamId, command.streamType, command.expectedVersion + i + 1, event.eventType, JSON.stringify(event.payload), command.actor, command.comment ?? null],
    );
    stored.push(toStoredEvent(rows[0]));
  }
  return stored;
}
