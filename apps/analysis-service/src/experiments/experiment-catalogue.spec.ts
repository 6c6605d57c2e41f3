import { ExperimentCatalogue } from './experiment-catalogue';
import { configEvent, testExperiment, testMetric } from './test-fixtures';

const t0 = new Date('2025-01-01T00:00:00Z');
const t1 = new Date('2025-01-02T00:00:00Z');
const t2 = new Date('2025-01-03T00:00:00Z');

describe('ExperimentCatalogue', () => {
  it('keeps the latest state of each experiment and metric', () => {
    const catalogue = new ExperimentCatalogue();
    catalogue.apply(configEvent('metric', testMetric({ kind: 'count' }), { version: 1, eventType: 'MetricCreated' }), t0);
    catalogue.apply(configEvent('metric', testMetric({ kind: 'sum', valueProperty: 'value' }), { version: 2, eventType: 'MetricUpdated' }), t1);
    catalogue.apply(configEvent('experiment', testExperiment({ status: 'draft' }), { version: 1, eventType: 'ExperimentCreated' }), t0);
    catalogue.apply(configEvent('experiment', testExperiment({ hypothesis: 'faster' }), { version: 2, eventType: 'ExperimentUpdated' }), t1);

    expect(catalogue.metric('purchase')?.kind).toBe('sum');
    expect(catalogue.experiment('checkout')?.experiment.hypothesis).toBe('faster');
  });

  it('drops repeated and older versions of a stream', () => {
    const catalogue = new ExperimentCatalogue();
    catalogue.apply(configEvent('metric', testMetric({ kind: 'count' }), { version: 2, eventType: 'MetricUpdated' }), t1);

    const outcome = catalogue.apply(configEvent('metric', testMetric({ kind: 'binomial' }), { version: 1, eventType: 'MetricCreated' }), t0);

    expect(outcome).toBe('stale');
    expect(catalogue.metric('purchase')?.kind).toBe('count');
  });

  it('takes the stage start from the last ExperimentStarted or ExperimentRolloutChanged event only', () => {
    const catalogue = new ExperimentCatalogue();
    catalogue.apply(configEvent('experiment', testExperiment(), { version: 1, eventType: 'ExperimentStarted' }), t0);
    catalogue.apply(configEvent('experiment', testExperiment({ currentStageIndex: 1 }), { version: 2, eventType: 'ExperimentRolloutChanged' }), t1);
    catalogue.apply(configEvent('experiment', testExperiment({ currentStageIndex: 1, hypothesis: 'x' }), { version: 3, eventType: 'ExperimentUpdated' }), t2);

    expect(catalogue.experiment('checkout')?.stageStartedAt).toEqual(t1);
    expect(catalogue.experiment('checkout')?.experiment.currentStageIndex).toBe(1);
  });

  it('forgets an archived entity (null state) and lists only running experiments', () => {
    const catalogue = new ExperimentCatalogue();
    catalogue.apply(configEvent('experiment', testExperiment({ key: 'a' }), { version: 1, eventType: 'ExperimentStarted' }), t0);
    catalogue.apply(configEvent('experiment', testExperiment({ key: 'b', status: 'paused' }), { version: 1, eventType: 'ExperimentPaused' }), t0);
    catalogue.apply(configEvent('experiment', testExperiment({ key: 'c' }), { version: 1, eventType: 'ExperimentStarted' }), t0);
    catalogue.apply(configEvent('experiment', null, { key: 'c', version: 2, eventType: 'ExperimentArchived' }), t1);

    expect(catalogue.running().map((e) => e.experiment.key)).toEqual(['a']);
    expect(catalogue.experiment('c')).toBeUndefined();
  });

  it('reports a state that fails its schema as invalid and keeps the previous one', () => {
    const catalogue = new ExperimentCatalogue();
    catalogue.apply(configEvent('metric', testMetric(), { version: 1, eventType: 'MetricCreated' }), t0);

    const outcome = catalogue.apply(configEvent('metric', { key: 'purchase' }, { version: 2, eventType: 'MetricUpdated' }), t1);

    expect(outcome).toBe('invalid');
    expect(catalogue.metric('purchase')?.kind).toBe('binomial');
  });

  it('ignores flag and segment streams', () => {
    const catalogue = new ExperimentCatalogue();
    const event = { ...configEvent('metric', testMetric(), { version: 1, eventType: 'FlagCreated' }), streamType: 'flag' as const, streamId: 'flag:purchase' };

    expect(catalogue.apply(event, t0)).toBe('ignored');
    expect(catalogue.metric('purchase')).toBeUndefined();
  });

  it('keeps the latest state of each holdout and forgets an archived one', () => {
    const catalogue = new ExperimentCatalogue();
    const holdout = { key: 'long-term', salt: 's', percentage: 5, metrics: ['purchase'] };
    catalogue.apply(configEvent('holdout', holdout, { version: 1, eventType: 'HoldoutCreated' }), t0);
    catalogue.apply(configEvent('holdout', { ...holdout, percentage: 10 } as { key: string }, { version: 2, eventType: 'HoldoutUpdated' }), t1);
    expect(catalogue.holdouts().map((h) => [h.key, h.percentage, h.metrics, h.environment])).toEqual([['long-term', 10, ['purchase'], 'production']]);
    expect(catalogue.apply(configEvent('holdout', { key: 'long-term', percentage: 200 } as { key: string }, { version: 3, eventType: 'HoldoutUpdated' }), t1)).toBe('invalid');
    catalogue.apply(configEvent('holdout', null, { key: 'long-term', version: 4, eventType: 'HoldoutArchived' }), t2);
    expect(catalogue.holdout('long-term')).toBeUndefined();
    expect(catalogue.holdouts()).toEqual([]);
  });
});
