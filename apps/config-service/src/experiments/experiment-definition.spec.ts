import { ExperimentSchema, FlagSchema, MetricSchema, type StreamType } from '@xp/contracts';
import type { ReferenceLookup } from '../entities/entity-definition';
import type { EntityView } from '../projections/entity-view';
import { booleanFlag, experiment, metric } from '../testing/fixtures';
import { experimentDefinition, experimentReferenceProblems } from './experiment-definition';

const lookup = (entries: Partial<Record<StreamType, Record<string, unknown>[]>>): ReferenceLookup =>
  new Map(Object.entries(entries).map(([type, states]) => [type as StreamType, new Map(states.map((s) => [String(s.key), s]))]));

const flag = FlagSchema.parse(booleanFlag('f'));
const purchase = MetricSchema.parse(metric('m'));

describe('experiment references', () => {
  it('accepts an experiment whose flag, variants and metrics exist', () => {
    const exp = ExperimentSchema.parse(experiment('e', 'f', 'm'));
    expect(experimentReferenceProblems(exp, lookup({ flag: [flag], metric: [purchase] }))).toEqual([]);
  });

  it('names every missing reference by path', () => {
    const exp = ExperimentSchema.parse(
      experiment('e', 'f', 'm', { secondaryMetrics: ['gone'], guardrailMetrics: [{ metricKey: 'latency', maxRegression: 0.1 }] }),
    );
    expect(experimentReferenceProblems(exp, lookup({ flag: [flag] })).map((p) => p.path)).toEqual([
      'primaryMetric',
      'secondaryMetrics.0',
      'guardrailMetrics.0.metricKey',
    ]);
  });

  it('rejects variants the flag does not have', () => {
    const exp = ExperimentSchema.parse(experiment('e', 'f', 'm', { variants: [{ key: 'off', weight: 5000, control: true }, { key: 'blue', weight: 5000 }] }));
    expect(experimentReferenceProblems(exp, lookup({ flag: [flag], metric: [purchase] }))).toEqual([
      { path: 'variants.1.key', message: "flag 'f' has no variant 'blue'" },
    ]);
  });

  it('rejects an overlapping range in the same layer but not in another layer', () => {
    const other = ExperimentSchema.parse(experiment('other', 'f', 'm', { layer: { key: 'shared', start: 0, end: 5000 } }));
    const overlapping = ExperimentSchema.parse(experiment('e', 'f', 'm', { layer: { key: 'shared', start: 4999, end: 10_000 } }));
    const adjacent = ExperimentSchema.parse(experiment('e', 'f', 'm', { layer: { key: 'shared', start: 5000, end: 10_000 } }));
    const base = { flag: [flag], metric: [purchase], experiment: [other] };
    expect(experimentReferenceProblems(overlapping, lookup(base)).map((p) => p.path)).toEqual(['layer']);
    expect(experimentReferenceProblems(adjacent, lookup(base))).toEqual([]);
  });
});

describe('experiment state from input', () => {
  it('starts every new experiment as a draft at stage 0 whatever the input says', () => {
    const state = experimentDefinition.toState({ ...experiment('e', 'f', 'm'), status: 'running', currentStageIndex: 3 }, undefined);
    expect(state).toMatchObject({ status: 'draft', currentStageIndex: 0 });
  });

  it('keeps lifecycle and rollout fields on update', () => {
    const current: EntityView = {
      streamType: 'experiment',
      key: 'e',
      version: 4,
      archived: false,
      updatedAt: new Date(0),
      state: ExperimentSchema.parse({ ...experiment('e', 'f', 'm'), status: 'running', currentStageIndex: 2, rolloutPercentage: 12 }),
    };
    const state = experimentDefinition.toState({ ...experiment('e', 'f', 'm', { hypothesis: 'edited' }), status: 'draft' }, current);
    expect(state).toMatchObject({ hypothesis: 'edited', status: 'running', currentStageIndex: 2, rolloutPercentage: 12 });
  });
});

describe('rollout policies automation cannot run safely', () => {
  it('refuses a fixed-horizon method with 422 and the reason', () => {
    expect(() => experimentDefinition.toState({ ...experiment('e', 'f', 'm'), rolloutPolicy: { method: 'fixed' } }, undefined)).toThrow(
      expect.objectContaining({ kind: 'unprocessable', code: 'unsupported_policy', message: expect.stringContaining('fixed-horizon') }),
    );
  });

  it('refuses a safe rollout without guardrails, and accepts it with one', () => {
    const safe = { ...experiment('e', 'f', 'm'), rolloutPolicy: { advanceOn: 'safe' } };
    expect(() => experimentDefinition.toState(safe, undefined)).toThrow(expect.objectContaining({ code: 'unsupported_policy' }));
    const guarded = { ...safe, guardrailMetrics: [{ metricKey: 'latency', maxRegression: 0.1 }] };
    expect(experimentDefinition.toState(guarded, undefined)).toMatchObject({ rolloutPolicy: { advanceOn: 'safe' } });
  });

  it('accepts sequential and bayesian', () => {
    for (const method of ['sequential', 'bayesian']) {
      expect(experimentDefinition.toState({ ...experiment('e', 'f', 'm'), rolloutPolicy: { method } }, undefined)).toMatchObject({ rolloutPolicy: { method } });
    }
  });
});
