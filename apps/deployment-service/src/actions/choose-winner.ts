import type { DecisionEvidence, Experiment } from '@xp/contracts';

/** The treatment that ships: the only one, else the one with the best primary-metric lift in the evidence. */
export function chooseWinner(experiment: Pick<Experiment, 'variants' | 'primaryMetric'>, evidence?: DecisionEvidence): string {
  const treatments = experiment.variants.filter((v) => !v.control).map((v) => v.key);
  if (treatments.length <= 1 || !evidence) return treatments[0] ?? experiment.variants[0].key;
  const best = evidence.metrics
    .filter((m) => m.metricKey === experiment.primaryMetric && !m.guardrail && treatments.includes(m.variant))
    .sort((a, b) => b.lift - a.lift)[0];
  return best?.variant ?? treatments[0];
}
