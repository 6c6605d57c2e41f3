import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RELAY_NOTIFY_CHANNEL } from './relay-settings';

/**
 * Wakes the outbox relay (LISTEN) whenever events are inserted: Postgres delivers the notification
 * only when the appending transaction commits, so the relay never wakes for uncommitted rows.
 * Register it in migrations/config-migrations.ts (owned by the event-store side).
 */
export class CreateRelayNotifyTrigger1732600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create function notify_outbox_relay() returns trigger language plpgsql as $$
      begin
        perform pg_notify('${RELAY_NOTIFY_CHANNEL}', '');
        return null;
      end $$`);
    await queryRunner.query(`
      create trigger events_notify_outbox_relay after insert on events
      for each statement execute function notify_outbox_relay()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop trigger events_notify_outbox_relay on events');
    await queryRunner.query('drop function notify_outbox_relay()');
  }
}
