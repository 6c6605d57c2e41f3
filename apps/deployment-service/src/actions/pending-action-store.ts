import { Inject, Injectable } from '@nestjs/common';
import type { EnvelopeOf } from '@xp/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import type { ConfigCommand } from '../rollouts/rollout-effects';

/** Work committed with a rollout transition and performed after it (transactional outbox). */
export interface PendingAction {
  id: string;
  experimentKey: string;
  decisionId?: string;
  commands: ConfigCommand[];
  event?: EnvelopeOf<'deployment.event'>;
  alert: boolean;
}

@Injectable()
export class PendingActionStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  async enqueue(action: Omit<PendingAction, 'id'>, m: EntityManager): Promise<void> {
    await m.query('insert into pending_actions (experiment_key, decision_id, commands, event, alert) values ($1, $2, $3, $4, $5)', [
      action.experimentKey,
      action.decisionId ?? null,
      JSON.stringify(action.commands),
      action.event ? JSON.stringify(action.event) : null,
      action.alert,
    ]);
  }

  /** The oldest action not done yet: actions run in commit order, so one experiment's commands stay in order. */
  async next(): Promise<PendingAction | undefined> {
    const rows: Array<Record<string, unknown>> = await this.db.query(`select * from pending_actions where status = 'pending' order by id limit 1`);
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: String(r.id),
      experimentKey: r.experiment_key as string,
      ...(r.decision_id ? { decisionId: r.decision_id as string } : {}),
      commands: r.commands as ConfigCommand[],
      ...(r.event ? { event: r.event as EnvelopeOf<'deployment.event'> } : {}),
      alert: r.alert as boolean,
    };
  }

  async noteFailedAttempt(id: string, error: string): Promise<void> {
    await this.db.query('update pending_actions set attempts = attempts + 1, last_error = $2 where id = $1', [id, error]);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async finish(id: string, status: 'done' | 'failed', error?: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.query('update pending_actions set status = $2, last_error = coalesce($3, last_error), done_at = now() where id = $1', [id, status, error ?? null]);
  }

  async countPending(): Promise<number> {
    const [{ count }] = await this.db.query(`select count(*)::int as count from pending_actions where status = 'pending'`);
    return count;
  }
}
