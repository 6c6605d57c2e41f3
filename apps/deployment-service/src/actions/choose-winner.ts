import type { DecisionEvidence, Experiment } from '@xp/contracts';

/**
 * The treatment that ships: the winner the SHIP decision names (analysis chose it: significantly
 * better in the metric's direction, or shown safe), else the only treatment. Decisions published
 * before they carried a winner fall back to the best primary-metric lift in their evidence.
 */
export function chooseWinner(experiment: Pick<Experiment, 'variants' | 'primaryMetric'>, winner?: string, evidence?: DecisionEvidence): string {
  const treatments = experiment.variants.filter((v) => !v.control).map((v) => v.key);
  if (winner && treatments.includes(winner)) return winner;
  if (treatments.length <= 1 || !evidence) return treatments[0] ?? experiment.variants[0].key;
  const best = evidence.metrics
    .filter((m) => m.metricKey === experiment.primaryMetric && !m.guardrail && treatments.includes(m.variant) && m.lift !== undefined)
    .sort((a, b) => b.lift! - a.lift!)[0];
  return best?.variant ?? treatments[0];
}
