import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deployment records can be archived: kept as history, left out of the list unless asked for. */
export class AddDeploymentArchivedAt1732700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table deployments add column archived_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table deployments drop column archived_at');
  }
}
