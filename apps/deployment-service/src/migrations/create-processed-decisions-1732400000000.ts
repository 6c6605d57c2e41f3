import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per decision acted on, so a redelivered decision is recognised and never applied twice. */
export class CreateProcessedDecisions1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table processed_decisions (
        decision_id text primary key,
        processed_at timestamptz not null default now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table processed_decisions');
  }
}
