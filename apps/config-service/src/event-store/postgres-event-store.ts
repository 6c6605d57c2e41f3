import { Inject, Injectable } from '@nestjs/common';
import type { StreamType } from '@xp/contracts';
import type { DataSource } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-row';
import type { EventStore, ReadAllOptions, StreamVersion, WriteSession } from './event-store';
import { PostgresWriteSession } from './postgres-write-session';
import type { StoredEvent } from './stored-event';

// Any fixed number: the same for every instance of config-service (migrations use 7_242_001).
const WRITE_LOCK_ID = 7_242_002;

@Injectable()
export class PostgresEventStore implements EventStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  /**
   * Config writes take turns: the transaction first takes one advisory lock shared by every write
   * (of every instance), and under READ COMMITTED each later statement sees everything committed
   * before the lock was granted. A lock on the referenced streams would not do: a write's checks read
   * whole sets (every live flag for the dependents of an archived segment, every experiment of a layer
   * for overlaps, prerequisite chains for cycles), and a new reference is a row no lock taken up front
   * can cover. SERIALIZABLE with retry would be correct too, but those set reads take relation-level
   * predicate locks, so nearly every pair of concurrent writes aborts one and retries (tried: 8
   * concurrent creates exhausted 8 attempts). Config writes are rare admin actions of a few ms
   * each; waiting in turn costs nothing and never fails spuriously. Reads do not take the lock.
   */
  write<T>(work: (session: WriteSession) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK_ID]);
      return work(new PostgresWriteSession(tx));
    });
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
    const ascending = options.afterPosition !== undefined;
    const rows: EventRow[] = await this.db.query(
      `select ${EVENT_COLUMNS} from events
       where ($1::text is null or stream_id = $1) and ($2::text is null or stream_type = $2) and ($3::text is null or actor = $3)
         and ($4::timestamptz is null or occurred_at >= $4) and ($5::timestamptz is null or occurred_at < $5)
         and ($6::bigint is null or position > $6) and ($7::bigint is null or position < $7)
         and ($9::text is null or substr(stream_id, strpos(stream_id, ':') + 1) = $9)
       order by position ${ascending ? 'asc' : 'desc'} limit $8`,
      [
        options.streamId ?? null,
        options.streamType ?? null,
        options.actor ?? null,
        options.from ?? null,
        options.to ?? null,
        options.afterPosition ?? null,
        options.beforePosition ?? null,
        options.limit,
        options.key ?? null,
      ],
    );
    return rows.map(toStoredEvent);
  }

  async readVersions(versions: readonly StreamVersion[]): Promise<StoredEvent[]> {
    if (versions.length === 0) return [];
    const rows: EventRow[] = await this.db.query(
      `select ${EVENT_COLUMNS} from events where (stream_id, version) in (select * from unnest($1::text[], $2::int[]))`,
      [versions.map((v) => v.streamId), versions.map((v) => v.version)],
    );
    return rows.map(toStoredEvent);
  }

  async isDecisionProcessed(decisionId: string): Promise<boolean> {
    const rows = await this.db.query('select 1 from processed_commands where decision_id = $1', [decisionId]);
    return rows.length > 0;
  }
}
