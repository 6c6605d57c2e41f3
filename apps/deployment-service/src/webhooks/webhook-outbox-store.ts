import { Inject, Injectable } from '@nestjs/common';
import type { EnvelopeOf } from '@xp/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';

/** An outbox row claimed for one attempt, with what signing and sending it needs. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  body: string;
  /** This attempt's number (1-based), counted when claimed. */
  attempt: number;
  subscriptionId: string;
  url: string;
  secret: string;
}

export interface DeliveryLogEntry {
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'failed';
  status?: number;
  error?: string;
  at: string;
}

export type AttemptOutcome =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'retry'; status?: number; error: string; retryInMs: number }
  | { outcome: 'failed'; status?: number; error: string };

type Row = Record<string, unknown>;

/** UPDATE / DELETE through TypeORM answer `[rows, rowCount]`. */
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as Row[]) : (result as Row[]));

/** The delivery log keeps this many recent attempts per subscription. */
export const DELIVERY_LOG_SIZE = 200;

@Injectable()
export class WebhookOutboxStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  /**
   * One row per enabled subscription whose filter takes the event, in the caller's transaction. Performing
   * an action twice (a crash after the publish, two instances) inserts nothing twice: same event id.
   */
  async enqueue(event: EnvelopeOf<'deployment.event'>, m: EntityManager): Promise<number> {
    const result = await m.query(
      `insert into webhook_outbox (event_id, subscription_id, event_type, body)
       select $1, s.id, $2, $3 from webhook_subscriptions s where s.enabled and ('*' = any(s.events) or $2 = any(s.events))
       on conflict (event_id, subscription_id) do nothing returning id`,
      [event.id, event.data.action, JSON.stringify(event)],
    );
    return Array.isArray(result) ? result.length : 0;
  }

  /**
   * Claims up to `limit` due rows of enabled subscriptions for one attempt each: counts the attempt and moves
   * `next_attempt_at` past the lease, so that no other instance (SKIP LOCKED, then the lease) sends them at the
   * same time, and a sender that dies mid-attempt leaves the row due again once the lease is over.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = rowsOf(
      await this.db.query(
        `with due as (
           select o.id from webhook_outbox o join webhook_subscriptions s on s.id = o.subscription_id
           where o.status = 'pending' and o.next_attempt_at <= now() and s.enabled
           order by o.next_attempt_at, o.id limit $1 for update of o skip locked)
         update webhook_outbox o set attempts = o.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         from due, webhook_subscriptions s where o.id = due.id and s.id = o.subscription_id
         returning o.id, o.event_id, o.event_type, o.body, o.attempts, o.subscription_id, s.url, s.secret`,
        [limit, leaseMs],
      ),
    );
    return rows.map((r) => ({
      id: String(r.id),
      eventId: r.event_id as string,
      eventType: r.event_type as string,
      body: r.body as string,
      attempt: r.attempts as number,
      subscriptionId: r.subscription_id as string,
      url: r.url as string,
      secret: r.secret as string,
    }));
  }

  /**
   * Records an attempt's outcome on its row and in the log, both only while the row is still this attempt's
   * (a sender whose lease ran out and was overtaken by another changes nothing).
   */
  async record(claimed: ClaimedDelivery, result: AttemptOutcome): Promise<void> {
    const status = result.status ?? null;
    const error = result.outcome === 'delivered' ? null : result.error;
    const retryInMs = result.outcome === 'retry' ? result.retryInMs : 0;
    await this.db.query(
      `with updated as (
         update webhook_outbox set status = $3::text, last_status = $4::integer, last_error = $5::text,
           delivered_at = case when $7::text = 'delivered' then now() else delivered_at end,
           next_attempt_at = case when $7::text = 'retry' then now() + make_interval(secs => $6::double precision / 1000) else next_attempt_at end
         where id = $1 and attempts = $2 and status = 'pending' returning subscription_id, event_id, event_type)
       insert into webhook_deliveries (subscription_id, event_id, event_type, attempt, outcome, status, error)
       select subscription_id, event_id, event_type, $2::integer, $7::text, $4::integer, $5::text from updated`,
      [claimed.id, claimed.attempt, result.outcome === 'retry' ? 'pending' : result.outcome, status, error, retryInMs, result.outcome],
    );
    await this.db.query(
      `delete from webhook_deliveries where subscription_id = $1 and id <= (
         select id from webhook_deliveries where subscription_id = $1 order by id desc offset $2 limit 1)`,
      [claimed.subscriptionId, DELIVERY_LOG_SIZE],
    );
  }

  /** Recent attempts, newest first. */
  async deliveries(subscriptionId: string, limit: number): Promise<DeliveryLogEntry[]> {
    const rows: Row[] = await this.db.query('select * from webhook_deliveries where subscription_id = $1 order by id desc limit $2', [subscriptionId, limit]);
    return rows.map((r) => ({
      eventId: r.event_id as string,
      eventType: r.event_type as string,
      attempt: r.attempt as number,
      outcome: r.outcome as DeliveryLogEntry['outcome'],
      ...(r.status === null ? {} : { status: r.status as number }),
      ...(r.error === null ? {} : { error: r.error as string }),
      at: (r.at as Date).toISOString(),
    }));
  }
}
