import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import type { HistoryEntry } from './rollout-effects';
import type { PendingDecision, RolloutState, RolloutStatus } from './rollout-state';

interface RolloutRow {
  experiment_key: string;
  stage_index: number;
  percentage: number;
  status: RolloutStatus;
  automation_paused: boolean;
  status_before_pause: RolloutStatus | null;
  pending_decision: PendingDecision | null;
  updated_at: Date;
}

export interface HistoryRow {
  id: string;
  decisionId: string | null;
  kind: string;
  action: string;
  fromStage: number;
  toStage: number;
  fromPercentage: number;
  toPercentage: number;
  status: RolloutStatus;
  reason: string;
  evidence: unknown;
  actor: string;
  occurredAt: string;
}

const toState = (r: RolloutRow): RolloutState => ({
  experimentKey: r.experiment_key,
  stageIndex: r.stage_index,
  percentage: r.percentage,
  status: r.status,
  automationPaused: r.automation_paused,
  ...(r.status_before_pause ? { statusBeforePause: r.status_before_pause } : {}),
  ...(r.pending_decision ? { pending: r.pending_decision } : {}),
});

@Injectable()
export class RolloutStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Every rollout, by experiment key. */
  async list(): Promise<RolloutState[]> {
    const rows: RolloutRow[] = await this.db.query('select * from rollouts order by experiment_key');
    return rows.map(toState);
  }

  async find(experimentKey: string, m: EntityManager = this.db.manager): Promise<RolloutState | undefined> {
    const rows: RolloutRow[] = await m.query('select * from rollouts where experiment_key = $1', [experimentKey]);
    return rows[0] ? toState(rows[0]) : undefined;
  }

  /** Reads the rollout and locks its row until the transaction ends, so that one experiment changes one step at a time. */
  async lock(experimentKey: string, m: EntityManager): Promise<RolloutState | undefined> {
    const rows: RolloutRow[] = await m.query('select * from rollouts where experiment_key = $1 for update', [experimentKey]);
    return rows[0] ? toState(rows[0]) : undefined;
  }

  async save(state: RolloutState, m: EntityManager): Promise<void> {
    await m.query(
      `insert into rollouts (experiment_key, stage_index, percentage, status, automation_paused, status_before_pause, pending_decision)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (experiment_key) do update set stage_index = excluded.stage_index, percentage = excluded.percentage,
         status = excluded.status, automation_paused = excluded.automation_paused,
         status_before_pause = excluded.status_before_pause, pending_decision = excluded.pending_decision, updated_at = now()`,
      [
        state.experimentKey,
        state.stageIndex,
        state.percentage,
        state.status,
        state.automationPaused,
        state.statusBeforePause ?? null,
        state.pending ? JSON.stringify(state.pending) : null,
      ],
    );
  }

  async appendHistory(before: RolloutState, after: RolloutState, entry: HistoryEntry, actor: string, m: EntityManager): Promise<void> {
    await m.query(
      `insert into rollout_history (experiment_key, decision_id, kind, action, from_stage, to_stage, from_percentage, to_percentage, status, reason, evidence, actor)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        after.experimentKey,
        entry.decisionId ?? null,
        entry.kind,
        entry.action,
        before.stageIndex,
        after.stageIndex,
        before.percentage,
        after.percentage,
        after.status,
        entry.reason,
        entry.evidence ? JSON.stringify(entry.evidence) : null,
        actor,
      ],
    );
  }

  async history(experimentKey: string): Promise<HistoryRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      'select * from rollout_history where experiment_key = $1 order by id',
      [experimentKey],
    );
    return rows.map((r) => ({
      id: String(r.id),
      decisionId: (r.decision_id as string | null) ?? null,
      kind: r.kind as string,
      action: r.action as string,
      fromStage: r.from_stage as number,
      toStage: r.to_stage as number,
      fromPercentage: r.from_percentage as number,
      toPercentage: r.to_percentage as number,
      status: r.status as RolloutStatus,
      reason: r.reason as string,
      evidence: r.evidence ?? undefined,
      actor: r.actor as string,
      occurredAt: (r.occurred_at as Date).toISOString(),
    }));
  }
}
