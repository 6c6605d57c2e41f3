import { Inject, Injectable } from '@nestjs/common';
import type { StreamType } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import { projectEvents } from '../projections/project-events';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-row';
import type { AppendCommand, EventStore, ReadAllOptions } from './event-store';
import type { StoredEvent } from './stored-event';
import { streamIdOf } from './stream-id';
import { staleVersionError } from './stale-version-error';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class PostgresEventStore implements EventStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  async append(command: AppendCommand): Promise<StoredEvent[]> {
    const streamId = streamIdOf(command.streamType, command.key);
    try {
      return await this.db.transaction('READ COMMITTED', async (tx) => {
        if (command.decisionId) await claimDecision(tx, command.decisionId, streamId);
        const [{ version }] = await tx.query('select coalesce(max(version), 0)::int as version from events where stream_id = $1', [streamId]);
        if (version !== command.expectedVersion) throw staleVersionError(command, version);
        const stored = await insertEvents(tx, streamId, command);
        if (command.decisionId) {
          await tx.query('update processed_commands set position = $2 where decision_id = $1', [command.decisionId, stored[stored.length - 1].position]);
        }
        await projectEvents(tx, stored);
        return stored;
      });
    } catch (err) {
      // A concurrent writer committed the same version between our read and our insert.
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint === 'events_stream_version_unique') {
        throw staleVersionError(command, undefined);
      }
      throw err;
    }
  }

  async readStream(streamId: string, until?: Date): Promise<StoredEvent[]> {
    const rows: EventRow[] = until
      ? await this.db.query(`select ${EVENT_COLUMNS} from events where stream_id = $1 and occurred_at <= $2 order by version`, [streamId, until])
      : await this.db.query(`select ${EVENT_COLUMNS} from events where stream_id = $1 order by version`, [streamId]);
    return rows.map(toStoredEvent);
  }

  async readStreamType(streamType: StreamType, until: Date): Promise<StoredEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `select ${EVENT_COLUMNS} from events where stream_type = $1 and occurred_at <= $2 order by stream_id, version`,
      [streamType, until],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `select ${EVENT_COLUMNS} from events
       where ($1::text is null or stream_id = $1) and position > $2
       order by position limit $3`,
      [options.streamId ?? null, options.afterPosition ?? 0, options.limit],
    );
    return rows.map(toStoredEvent);
  }

  async isDecisionProcessed(decisionId: string): Promise<boolean> {
    const rows = await this.db.query('select 1 from processed_commands where decision_id = $1', [decisionId]);
    return rows.length > 0;
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
      `insert into events (stream_id, stream_type, version, event_type, payload, actor, occurred_at)
       values ($1, $2, $3, $4, $5, $6, date_trunc('milliseconds', now())) returning ${EVENT_COLUMNS}`,
      [streamId, command.streamType, command.expectedVersion + i + 1, event.eventType, JSON.stringify(event.payload), command.actor],
    );
    stored.push(toStoredEvent(rows[0]));
  }
  return stored;
}
