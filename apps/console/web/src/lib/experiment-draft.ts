import type { RolloutPolicy } from './types';

/** What the "new experiment" form collects: one flag, its experiment, the rollout policy and the blue/green record. */
export interface ExperimentDraft {
  key: string;
  hypothesis: string;
  control: { key: string; value: string };
  treatment: { key: string; value: string };
  /** Share of enrolled units the treatment gets, in percent. */
  treatmentShare: number;
  primaryMetric: string;
  guardrail?: { metricKey: string; maxRegression: number };
  policy: Pick<RolloutPolicy, 'stages' | 'minUnitsPerStage' | 'minDurationPerStage' | 'alpha' | 'advanceOn' | 'requiresApproval'> & { plannedUnits?: number };
  /** The service whose blue/green deployment the rollout drives (blue = control, green = treatment). */
  service?: string;
}

export interface DraftRequests {
  flag: Record<string, unknown>;
  experiment: Record<string, unknown>;
  /** The flag again (version 1 -> 2) with the rule that hands its traffic to the experiment. */
  flagWithRule: Record<string, unknown>;
  deployment?: Record<string, unknown>;
}

/** The requests that create and wire everything, in the order config-service needs them. */
export function draftRequests(d: ExperimentDraft): DraftRequests {
  const flagKey = `${d.key}-flag`;
  const treatmentWeight = Math.round(d.treatmentShare * 100);
  const flag = {
    key: flagKey,
    description: d.hypothesis,
    valueType: 'string',
    variants: [
      { key: d.control.key, value: d.control.value },
      { key: d.treatment.key, value: d.treatment.value },
    ],
    offVariant: d.control.key,
    enabled: true,
    salt: flagKey,
  };
  const experiment = {
    key: d.key,
    flagKey,
    hypothesis: d.hypothesis,
    variants: [
      { key: d.control.key, weight: 10_000 - treatmentWeight, control: true },
      { key: d.treatment.key, weight: treatmentWeight },
    ],
    layer: { key: `${d.key}-layer`, start: 0, end: 10_000 },
    primaryMetric: d.primaryMetric,
    guardrailMetrics: d.guardrail ? [d.guardrail] : [],
    rolloutPolicy: { ...d.policy, method: 'sequential' },
  };
  return {
    flag,
    experiment,
    flagWithRule: { ...flag, rules: [{ id: 'experiment', experimentKey: d.key }] },
    deployment: d.service ? { experimentKey: d.key, service: d.service, blueVersion: d.control.value, greenVersion: d.treatment.value } : undefined,
  };
}

/** "1, 5, 10" -> [1, 5, 10]; undefined when any part is not a number. */
export function parseStages(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return parts.length > 0 && parts.every((p) => Number.isFinite(p)) ? parts : undefined;
}
