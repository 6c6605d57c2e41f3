import { waitFor } from '@xp/kafka/testing';
import type { Platform } from '../../../tools/demo/src/platform';
import { scenarioKeys, type ScenarioKeys } from '../../../tools/demo/src/scenarios/scenario-spec';
import { setupScenario } from '../../../tools/demo/src/scenarios/setup-scenario';
import { makeFlag, makeSegment, SEGMENT_COUNT } from '../evaluation/workload';

/** Bench flags with targeting rules (attributes, segments) that every evaluate also answers. */
export const TARGETED_FLAG_COUNT = 10;

export interface SoakSetup {
  /** The experiments' keys: the demo's short guarded rollout, then two that last the whole soak. */
  experiments: ScenarioKeys[];
  /** The flag the soak rewrites a few times a minute. */
  writtenFlag: string;
}

/**
 * What the soak runs against, made through the public admin APIs: the bench workload's segments and
 * targeted flags, the demo's safe-rollout scenario (a guarded rollout that moves through its stages in
 * the first minutes), and two more guarded rollouts (50 %, then 100 %) whose stages are stretched over the
 * whole run, so that running experiments log exposures from start to end.
 */
export async function setupSoak(platform: Platform, runId: string, soakSeconds: number): Promise<SoakSetup> {
  for (let s = 0; s < SEGMENT_COUNT; s++) await platform.config.post('/v1/segments', makeSegment(s));
  for (let i = 0; i < TARGETED_FLAG_COUNT; i++) await platform.config.post('/v1/flags', makeFlag(i));

  const demo = scenarioKeys('safe', runId);
  await setupScenario(platform, demo, 'safe');
  const longOnes = ['a', 'b'].map((suffix): ScenarioKeys => {
    const base = `soak-${runId}-${suffix}`;
    return { experiment: base, flag: `${base}-checkout`, conversionMetric: `${base}-purchase`, latencyMetric: `${base}-latency`, service: `checkout-soak-${suffix}` };
  });
  // Each in a layer of its own (setupScenario's), so a new unit is enrolled in both: 2 exposures, and the
  // dedup window (100,000 keys) fills and evicts within a 30-minute run.
  const stages = [50, 100];
  for (const keys of longOnes) {
    await setupScenario(platform, keys, 'safe', { stages, minDurationPerStage: Math.max(60, Math.round(soakSeconds / stages.length)), plannedUnits: 20_000 });
  }
  const experiments = [demo, ...longOnes];

  await waitFor(
    'assignment-service to serve the running experiments',
    async () => {
      const { ruleset } = await platform.assignment.get<{ ruleset: { experiments: Array<{ key: string; status: string }> } }>('/v1/ruleset');
      return experiments.every(({ experiment }) => ruleset.experiments.some((e) => e.key === experiment && e.status === 'running'));
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  return { experiments, writtenFlag: makeFlag(1).key };
}
