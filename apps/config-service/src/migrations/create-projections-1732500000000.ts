import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models and command bookkeeping. `entity_views` is a projection (rebuilt from `events` at
 * will); `processed_commands` belongs to the write model (decision ids already applied) and is
 * written in the same transaction as the events it caused, so it is never rebuilt.
 */
export class CreateProjections1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table entity_views (
        stream_type text not null,
        key text not null,
        version integer not null,
        state jsonb not null,
        archived boolean not null,
        updated_at timestamptz not null,
        primary key (stream_type, key)
      )`);
    await queryRunner.query(`
      create table processed_commands (
        decision_id text primary key,
        stream_id text not null,
        position bigint not null,
        processed_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table processed_commands');
    await queryRunner.query('drop table entity_views');
  }
}
