import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change comment a writer may give (X-Change-Comment or the body's `comment`), stored with the
 * events it explains. Events written before it have none (null). The actor index serves the audit's
 * filter by who.
 */
export class AddEventComment1733000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table events add column comment text');
    await queryRunner.query('create index events_actor_position on events (actor, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop index events_actor_position');
    await queryRunner.query('alter table events drop column comment');
  }
}
