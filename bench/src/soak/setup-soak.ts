import { waitFor } from '@xp/kafka/testing';
import type { Platform } from '../../../tools/demo/src/platform';
import { scenarioKeys, type ScenarioKeys } from '../../../tools/demo/src/scenarios/scenario-spec';
import { setupScenario } from '../../../tools/demo/src/scenarios/setup-scenario';
import { makeFlag, makeSegment, SEGMENT_COUNT } from '../evaluation/workload';

/** Bench flags with targeting rules (attributes, segments) that every evaluate also answers. */
export const TARGETED_FLAG_COUNT = 10;

export interface SoakSetup {
  /** Both experiments' keys: the demo's short guarded rollout and the one that lasts the whole soak. */
  experiments: ScenarioKeys[];
  /** The flag the soak rewrites a few times a minute. */
  writtenFlag: string;
}

/**
 * What the soak runs against, made through the public admin APIs: the bench workload's segments and
 * targeted flags, the demo's safe-rollout scenario (a guarded rollout that moves through its stages in
 * the first minutes), and a second guarded rollout whose stages are stretched over the whole run, so that
 * a running experiment logs exposures from start to end.
 */
export async function setupSoak(platform: Platform, runId: string, soakSeconds: number): Promise<SoakSetup> {
  for (let s = 0; s < SEGMENT_COUNT; s++) await platform.config.post('/v1/segments', makeSegment(s));
  for (let i = 0; i < TARGETED_FLAG_COUNT; i++) await platform.config.post('/v1/flags', makeFlag(i));

  const demo = scenarioKeys('safe', runId);
  await setupScenario(platform, demo, 'safe');
  const base = `soak-${runId}`;
  const long: ScenarioKeys = {
    experiment: base,
    flag: `${base}-checkout`,
    conversionMetric: `${base}-purchase`,
    latencyMetric: `${base}-latency`,
    service: 'checkout-soak',
  };
  const stages = [20, 50, 100];
  await setupScenario(platform, long, 'safe', { stages, minDurationPerStage: Math.max(60, Math.round(soakSeconds / stages.length)), plannedUnits: 20_000 });

  await waitFor(
    'assignment-service to serve both running experiments',
    async () => {
      const { ruleset } = await platform.assignment.get<{ ruleset: { experiments: Array<{ key: string; status: string }> } }>('/v1/ruleset');
      return [demo.experiment, long.experiment].every((key) => ruleset.experiments.some((e) => e.key === key && e.status === 'running'));
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  return { experiments: [demo, long], writtenFlag: makeFlag(1).key };
}
