import { Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENT, type Ruleset } from '@xp/contracts';
import { NotFoundError, UnavailableError } from '@xp/platform';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { buildSnapshot, type ExposureTarget, type RulesetSnapshot } from './ruleset-snapshot';

export type RulesetListener = (snapshot: RulesetSnapshot) => void;

/** One ruleset per environment, e.g. a test's production-only configuration. */
export type Rulesets = ReadonlyMap<string, Ruleset>;

export const inProduction = (ruleset: Ruleset): Rulesets => new Map([[DEFAULT_ENVIRONMENT, ruleset]]);

/**
 * The rulesets being served, one per environment. Built during replay but handed out (and announced
 * to stream listeners) only once the replay caught up, so nobody sees a half-rebuilt configuration.
 */
@Injectable()
export class RulesetStore {
  private snapshots: ReadonlyMap<string, RulesetSnapshot> | null = null;
  private targets: ReadonlyMap<string, ExposureTarget> = new Map();
  private ready = false;
  private readonly listeners = new Map<RulesetListener, string>();

  constructor(private readonly metrics: AssignmentMetrics) {}

  /** The served snapshot of an environment, or null before the replay caught up or for an unknown environment. */
  current(environment: string = DEFAULT_ENVIRONMENT): RulesetSnapshot | null {
    return this.ready ? (this.snapshots?.get(environment) ?? null) : null;
  }

  /** The served snapshot of an environment: 503 before the replay caught up, 404 for an unknown environment. */
  snapshotFor(environment: string): RulesetSnapshot {
    if (!this.ready) throw new UnavailableError('ruleset_not_ready', 'The ruleset is still being replayed; retry shortly');
    const snapshot = this.snapshots?.get(environment);
    if (!snapshot) throw new NotFoundError('environment_not_found', `No environment '${environment}'`, { details: { environment } });
    return snapshot;
  }

  /** Every running experiment of every environment (an SDK's posted exposure names its experiment only). */
  exposureTargets(): ReadonlyMap<string, ExposureTarget> {
    return this.targets;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Compiles and installs new rulesets (throws, keeping the previous ones, if one cannot compile). */
  publish(rulesets: Rulesets): void {
    const snapshots = new Map([...rulesets].map(([environment, ruleset]) => [environment, buildSnapshot(ruleset, environment)] as const));
    this.snapshots = snapshots;
    this.targets = new Map([...snapshots.values()].flatMap((snapshot) => [...snapshot.exposureTargets]));
    this.metrics.rulesetVersion.set(rulesets.get(DEFAULT_ENVIRONMENT)?.version ?? 0);
    if (this.ready) this.notify();
  }

  markReady(initial: () => Rulesets): void {
    if (this.ready) return;
    if (!this.snapshots) this.publish(initial());
    this.ready = true;
    this.metrics.rulesetReady.set(1);
    this.notify();
  }

  /** Calls `listener` with each new snapshot of `environment`. */
  subscribe(listener: RulesetListener, environment: string = DEFAULT_ENVIRONMENT): () => void {
    this.listeners.set(listener, environment);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const [listener, environment] of this.listeners) {
      const snapshot = this.snapshots?.get(environment);
      if (snapshot) listener(snapshot);
    }
  }
}
