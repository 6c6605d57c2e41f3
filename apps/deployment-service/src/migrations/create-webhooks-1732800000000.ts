import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions (managed through /v1/webhooks, or bootstrapped from WEBHOOK_URLS), the outbox of
 * deliveries still owed to them (one row per event and subscription, written in the transaction that marks
 * the action done), and a log of recent attempts per subscription.
 */
export class CreateWebhooks1732800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table webhook_subscriptions (
        id uuid primary key,
        url text not null,
        -- Kept in clear: it keys the HMAC of every delivery. Never returned by the API after creation / rotation.
        secret text not null,
        -- Deployment event actions delivered ('*': all of them).
        events text[] not null default '{*}',
        enabled boolean not null default true,
        origin text not null default 'api' check (origin in ('api', 'env')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        secret_rotated_at timestamptz
      )`);
    await q.query('create index webhook_subscriptions_url on webhook_subscriptions (url)');
    await q.query(`
      create table webhook_outbox (
        id bigserial primary key,
        event_id text not null,
        subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
        event_type text not null,
        -- The envelope exactly as published on xp.deployments (text: the same bytes on every attempt).
        body text not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        delivered_at timestamptz,
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        created_at timestamptz not null default now(),
        unique (event_id, subscription_id)
      )`);
    await q.query(`create index webhook_outbox_due on webhook_outbox (next_attempt_at) where status = 'pending'`);
    await q.query('create index webhook_outbox_subscription on webhook_outbox (subscription_id, status)');
    await q.query(`
      create table webhook_deliveries (
        id bigserial primary key,
        subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
        event_id text not null,
        event_type text not null,
        attempt integer not null,
        outcome text not null check (outcome in ('delivered', 'retry', 'failed')),
        status integer,
        error text,
        at timestamptz not null default now()
      )`);
    await q.query('create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, id desc)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table webhook_deliveries');
    await q.query('drop table webhook_outbox');
    await q.query('drop table webhook_subscriptions');
  }
}
