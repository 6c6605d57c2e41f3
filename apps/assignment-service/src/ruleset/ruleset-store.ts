import { Injectable } from '@nestjs/common';
import type { Ruleset } from '@xp/contracts';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { buildSnapshot, type RulesetSnapshot } from './ruleset-snapshot';

export type RulesetListener = (snapshot: RulesetSnapshot) => void;

/**
 * The ruleset being served. Built during replay but handed out (and announced to stream
 * listeners) only once the replay caught up, so nobody sees a half-rebuilt configuration.
 */
@Injectable()
export class RulesetStore {
  private snapshot: RulesetSnapshot | null = null;
  private ready = false;
  private readonly listeners = new Set<RulesetListener>();

  constructor(private readonly metrics: AssignmentMetrics) {}

  /** The served snapshot, or null before the replay caught up. */
  current(): RulesetSnapshot | null {
    return this.ready ? this.snapshot : null;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Compiles and installs a new ruleset (throws, keeping the previous one, if it cannot compile). */
  publish(ruleset: Ruleset): void {
    this.snapshot = buildSnapshot(ruleset);
    this.metrics.rulesetVersion.set(ruleset.version);
    if (this.ready) this.notify();
  }

  markReady(emptyRuleset: () => Ruleset): void {
    if (this.ready) return;
    this.snapshot ??= buildSnapshot(emptyRuleset());
    this.ready = true;
    this.metrics.rulesetReady.set(1);
    this.notify();
  }

  subscribe(listener: RulesetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    for (const listener of this.listeners) listener(snapshot);
  }
}
