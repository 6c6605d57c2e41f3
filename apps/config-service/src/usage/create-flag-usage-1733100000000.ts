import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-flag usage from assignment-service (`xp.flag-usage`). Not a projection of the event store: it is
 * fed by Kafka, so it is never rebuilt. `flag_usage_processed` holds the ids of the messages counted,
 * written in the same transaction as the counts, so a redelivered message counts once.
 */
export class CreateFlagUsage1733100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table flag_usage (
        flag_key text not null,
        environment text not null,
        evaluations bigint not null,
        last_evaluated_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (flag_key, environment)
      )`);
    await queryRunner.query(`
      create table flag_usage_processed (
        message_id uuid primary key,
        source text not null,
        processed_at timestamptz not null default now()
      )`);
    await queryRunner.query('create index flag_usage_processed_at on flag_usage_processed (processed_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table flag_usage_processed');
    await queryRunner.query('drop table flag_usage');
  }
}
