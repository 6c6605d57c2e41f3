import { Inject, Injectable } from '@nestjs/common';
import type { WebhookCreate, WebhookUpdate } from '@xp/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import type { DeliveryLogEntry } from './webhook-outbox-store';

/** A subscription as the API shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  /** `env`: created at start from WEBHOOK_URLS / WEBHOOK_SECRET; `api`: created through POST /v1/webhooks. */
  origin: 'api' | 'env';
  createdAt: string;
  updatedAt: string;
  secretRotatedAt?: string;
}

/** A subscription's latest attempt: the newest entry of its delivery log. */
export type LastDelivery = DeliveryLogEntry;

/** With what its outbox holds (events pending, delivered, given up on) and its latest attempt. */
export interface WebhookSubscriptionView extends WebhookSubscription {
  deliveries: { pending: number; delivered: number; failed: number };
  lastDelivery?: LastDelivery;
}

type Row = Record<string, unknown>;

const iso = (d: unknown) => (d as Date).toISOString();

const toSubscription = (r: Row): WebhookSubscription => ({
  id: r.id as string,
  url: r.url as string,
  events: r.events as string[],
  enabled: r.enabled as boolean,
  origin: r.origin as 'api' | 'env',
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  ...(r.secret_rotated_at ? { secretRotatedAt: iso(r.secret_rotated_at) } : {}),
});

const toView = (r: Row): WebhookSubscriptionView => ({
  ...toSubscription(r),
  deliveries: { pending: Number(r.pending ?? 0), delivered: Number(r.delivered ?? 0), failed: Number(r.failed ?? 0) },
  ...(r.last_at
    ? {
        lastDelivery: {
          eventId: r.last_event_id as string,
          eventType: r.last_event_type as string,
          attempt: r.last_attempt as number,
          outcome: r.last_outcome as LastDelivery['outcome'],
          ...(r.last_status === null ? {} : { status: r.last_status as number }),
          ...(r.last_error === null ? {} : { error: r.last_error as string }),
          at: iso(r.last_at),
        },
      }
    : {}),
});

const VIEW_SQL = `
  select s.*, c.pending, c.delivered, c.failed,
         d.event_id as last_event_id, d.event_type as last_event_type, d.attempt as last_attempt, d.outcome as last_outcome,
         d.status as last_status, d.error as last_error, d.at as last_at
  from webhook_subscriptions s
  left join lateral (
    select count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'delivered') as delivered,
           count(*) filter (where status = 'failed') as failed
    from webhook_outbox o where o.subscription_id = s.id) c on true
  left join lateral (select * from webhook_deliveries w where w.subscription_id = s.id order by w.id desc limit 1) d on true`;

/** Takes the advisory lock that serialises bootstrapping WEBHOOK_URLS across instances starting together. */
const BOOTSTRAP_LOCK = 0x5745_4248; // "WEBH"

@Injectable()
export class WebhookSubscriptionStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  async create(input: WebhookCreate & { secret: string }, origin: 'api' | 'env' = 'api', m: EntityManager = this.db.manager): Promise<WebhookSubscription> {
    const rows: Row[] = await m.query(
      'insert into webhook_subscriptions (id, url, secret, events, enabled, origin) values ($1, $2, $3, $4, $5, $6) returning *',
      [randomUUID(), input.url, input.secret, input.events, input.enabled, origin],
    );
    return toSubscription(rows[0]);
  }

  async list(): Promise<WebhookSubscriptionView[]> {
    const rows: Row[] = await this.db.query(`${VIEW_SQL} order by s.created_at, s.id`);
    return rows.map(toView);
  }

  async find(id: string): Promise<WebhookSubscriptionView | undefined> {
    const rows: Row[] = await this.db.query(`${VIEW_SQL} where s.id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** False when there is no such subscription. */
  async update(id: string, patch: WebhookUpdate): Promise<boolean> {
    const [, count] = (await this.db.query(
      `update webhook_subscriptions set url = coalesce($2, url), events = coalesce($3, events), enabled = coalesce($4, enabled), updated_at = now()
       where id = $1`,
      [id, patch.url ?? null, patch.events ?? null, patch.enabled ?? null],
    )) as [unknown, number];
    return count > 0;
  }

  /** The new secret signs every attempt from now on, retries of earlier events included. */
  async rotateSecret(id: string, secret: string): Promise<boolean> {
    const [, count] = (await this.db.query('update webhook_subscriptions set secret = $2, secret_rotated_at = now(), updated_at = now() where id = $1', [id, secret])) as [
      unknown,
      number,
    ];
    return count > 0;
  }

  /** Its outbox rows and delivery log go with it (on delete cascade). */
  async delete(id: string): Promise<boolean> {
    const [, count] = (await this.db.query('delete from webhook_subscriptions where id = $1', [id])) as [unknown, number];
    return count > 0;
  }

  /**
   * WEBHOOK_URLS as a bootstrap: each URL no subscription has yet becomes one (all events, WEBHOOK_SECRET),
   * so restarts create nothing twice; later changes are made through the API. Returns the URLs added.
   */
  async bootstrap(urls: readonly string[], secret: string): Promise<string[]> {
    if (urls.length === 0) return [];
    return this.db.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const added: string[] = [];
      for (const url of urls) {
        const existing: Row[] = await m.query('select 1 from webhook_subscriptions where url = $1 limit 1', [url]);
        if (existing.length > 0) continue;
        await this.create({ url, secret, events: ['*'], enabled: true }, 'env', m);
        added.push(url);
      }
      return added;
    });
  }
}
