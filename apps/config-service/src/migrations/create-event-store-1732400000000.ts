import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store is the write model and the outbox: `position` orders every event globally (the
 * relay publishes in that order and checkpoints it), `(stream_id, version)` gives optimistic
 * concurrency per stream.
 */
export class CreateEventStore1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table events (
        position bigserial primary key,
        stream_id text not null,
        stream_type text not null,
        version integer not null check (version > 0),
        event_type text not null,
        payload jsonb not null,
        actor text not null,
        occurred_at timestamptz not null default now(),
        constraint events_stream_version_unique unique (stream_id, version)
      )`);
    await queryRunner.query(`create index events_stream_type_position on events (stream_type, position)`);
    await queryRunner.query(`
      create table relay_checkpoint (
        name text primary key,
        position bigint not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table relay_checkpoint');
    await queryRunner.query('drop table events');
  }
}
