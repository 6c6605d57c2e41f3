import { Inject, Injectable } from '@nestjs/common';
import type { FlagUsageData } from '@xp/contracts';
import type { DataSource } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import { keyOfStream } from '../event-store/stream-id';

/** One message to count: its envelope id and data. */
export interface UsageMessage {
  id: string;
  data: FlagUsageData;
}

export interface FlagUsageRow {
  flagKey: string;
  environment: string;
  evaluations: number;
  lastEvaluatedAt: Date;
}

/**
 * Processed message ids are kept this long. Kafka keeps xp.flag-usage for its retention (7 days by
 * default), so no redelivery can come later than that; pruning keeps the table at a few days of windows.
 */
export const PROCESSED_RETENTION_DAYS = 14;

@Injectable()
export class FlagUsageStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  /**
   * Adds the messages' counts in one transaction with their ids: a message whose id is already in
   * flag_usage_processed changes nothing. Returns how many messages were new.
   */
  async apply(messages: readonly UsageMessage[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      let fresh = 0;
      for (const { id, data } of messages) {
        const inserted: unknown[] = await tx.query(
          'insert into flag_usage_processed (message_id, source) values ($1, $2) on conflict do nothing returning message_id',
          [id, data.source],
        );
        if (inserted.length === 0) continue;
        fresh++;
        // Summed per key first: one upsert may not touch a row twice (a message repeating a key is still counted).
        await tx.query(
          `insert into flag_usage (flag_key, environment, evaluations, last_evaluated_at, updated_at)
           select flag_key, environment, sum(evaluations), max(last_evaluated_at), now()
           from unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[]) as i(flag_key, environment, evaluations, last_evaluated_at)
           group by flag_key, environment
           on conflict (flag_key, environment) do update set
             evaluations = flag_usage.evaluations + excluded.evaluations,
             last_evaluated_at = greatest(flag_usage.last_evaluated_at, excluded.last_evaluated_at),
             updated_at = now()`,
          [
            data.items.map((i) => i.flagKey),
            data.items.map((i) => i.environment),
            data.items.map((i) => i.evaluations),
            data.items.map((i) => i.lastEvaluatedAt),
          ],
        );
      }
      await tx.query(`delete from flag_usage_processed where processed_at < now() - interval '${PROCESSED_RETENTION_DAYS} days'`);
      return fresh;
    });
  }

  async list(environment?: string): Promise<FlagUsageRow[]> {
    const rows: Array<{ flag_key: string; environment: string; evaluations: string; last_evaluated_at: Date }> = await this.db.query(
      `select flag_key, environment, evaluations, last_evaluated_at from flag_usage
       where ($1::text is null or environment = $1) order by flag_key, environment`,
      [environment ?? null],
    );
    return rows.map((r) => ({ flagKey: r.flag_key, environment: r.environment, evaluations: Number(r.evaluations), lastEvaluatedAt: r.last_evaluated_at }));
  }

  /** When each flag was created: the time of its stream's first event. */
  async flagCreatedAt(): Promise<Map<string, Date>> {
    const rows: Array<{ stream_id: string; occurred_at: Date }> = await this.db.query(
      `select stream_id, occurred_at from events where stream_type = 'flag' and version = 1`,
    );
    return new Map(rows.map((r) => [keyOfStream(r.stream_id), r.occurred_at]));
  }
}
