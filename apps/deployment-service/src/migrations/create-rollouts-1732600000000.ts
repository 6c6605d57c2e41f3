import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollout state machines, their history, the blue/green deployment records, and the outbox of
 * actions (config-service commands + the deployment event) still to perform after a commit.
 */
export class CreateRollouts1732600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table deployments (
        id text primary key,
        experiment_key text not null unique,
        service text not null,
        blue_version text not null,
        green_version text not null,
        active_colour text not null default 'blue' check (active_colour in ('blue', 'green')),
        blue_weight double precision not null default 100,
        green_weight double precision not null default 0,
        status text not null default 'PENDING',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table rollouts (
        experiment_key text primary key,
        stage_index integer not null,
        percentage double precision not null,
        status text not null,
        automation_paused boolean not null default false,
        status_before_pause text,
        pending_decision jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table rollout_history (
        id bigserial primary key,
        experiment_key text not null,
        decision_id text,
        kind text not null,
        action text not null,
        from_stage integer not null,
        to_stage integer not null,
        from_percentage double precision not null,
        to_percentage double precision not null,
        status text not null,
        reason text not null,
        evidence jsonb,
        actor text not null,
        occurred_at timestamptz not null default now()
      )`);
    await q.query('create index rollout_history_experiment on rollout_history (experiment_key, id)');
    await q.query(`
      create table pending_actions (
        id bigserial primary key,
        experiment_key text not null,
        decision_id text,
        commands jsonb not null,
        event jsonb,
        alert boolean not null default false,
        status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
        attempts integer not null default 0,
        last_error text,
        created_at timestamptz not null default now(),
        done_at timestamptz
      )`);
    await q.query(`create index pending_actions_pending on pending_actions (id) where status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table pending_actions');
    await q.query('drop table rollout_history');
    await q.query('drop table rollouts');
    await q.query('drop table deployments');
  }
}
