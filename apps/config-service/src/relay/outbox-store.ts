import type { Client } from 'pg';
import { OUTBOX_EVENT_COLUMNS, toOutboxEvent, type OutboxEvent, type OutboxEventRow } from './outbox-event';
import { RELAY_LOCK_KEY, RELAY_NOTIFY_CHANNEL } from './relay-settings';

/**
 * The relay's SQL, on one dedicated connection: the session advisory lock and LISTEN live on the
 * connection, so they go away with it (a crashed relay frees the lock for a standby at once).
 */
export class OutboxStore {
  constructor(
    private readonly client: Client,
    private readonly checkpointName: string,
  ) {}

  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [RELAY_LOCK_KEY]);
    return rows[0].locked;
  }

  async listen(onNotify: () => void): Promise<void> {
    this.client.on('notification', (message) => {
      if (message.channel === RELAY_NOTIFY_CHANNEL) onNotify();
    });
    await this.client.query(`listen ${RELAY_NOTIFY_CHANNEL}`);
  }

  async readCheckpoint(): Promise<number> {
    const { rows } = await this.client.query<{ position: string }>('select position from relay_checkpoint where name = $1', [
      this.checkpointName,
    ]);
    return rows.length === 0 ? 0 : Number(rows[0].position);
  }

  /** Never moves backwards, so a late write from a superseded relay cannot undo progress. */
  async saveCheckpoint(position: number): Promise<void> {
    await this.client.query(
      `insert into relay_checkpoint (name, position) values ($1, $2)
       on conflict (name) do update set position = excluded.position where relay_checkpoint.position < excluded.position`,
      [this.checkpointName, position],
    );
  }

  async readAfter(position: number, limit: number): Promise<OutboxEvent[]> {
    const { rows } = await this.client.query<OutboxEventRow>(
      `select ${OUTBOX_EVENT_COLUMNS} from events where position > $1 order by position limit $2`,
      [position, limit],
    );
    return rows.map(toOutboxEvent);
  }

  async readRange(after: number, upTo: number): Promise<OutboxEvent[]> {
    const { rows } = await this.client.query<OutboxEventRow>(
      `select ${OUTBOX_EVENT_COLUMNS} from events where position > $1 and position <= $2 order by position`,
      [after, upTo],
    );
    return rows.map(toOutboxEvent);
  }

  async countAfter(position: number): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>('select count(*)::int as n from events where position > $1', [position]);
    return rows[0].n;
  }

  /**
   * Returns once every transaction that was inserting into `events` has ended. An INSERT takes its
   * ROW EXCLUSIVE table lock before its default draws the next position and holds it until commit
   * or rollback, and SHARE conflicts with it: so afterwards, every position drawn so far is either
   * visible or gone for good. Throws (lock_timeout) if an append stays open too long; the caller retries.
   */
  async waitForInFlightAppends(timeoutMs: number): Promise<void> {
    await this.client.query('begin');
    try {
      await this.client.query(`set local lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
      await this.client.query('lock table events in share mode');
      await this.client.query('commit');
    } catch (err) {
      await this.client.query('rollback').catch(() => undefined);
      throw err;
    }
  }
}
