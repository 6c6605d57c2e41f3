import { toFlagResult } from './flag-result';

describe('toFlagResult', () => {
  it('keeps variant, value, reason, error code, experiment and the holdout that kept the unit out, and drops the engine internals', () => {
    const result = toFlagResult({
      flagKey: 'f', variant: 'on', value: true, reason: 'SPLIT', ruleId: 'r1', holdout: 'h', errorMessage: 'x',
      experiment: { key: 'e', variant: 'on', inExperiment: true },
    });
    expect(result).toEqual({ variant: 'on', value: true, reason: 'SPLIT', experiment: { key: 'e', variant: 'on', inExperiment: true }, holdout: 'h' });
    expect(Object.keys(result)).toEqual(['variant', 'value', 'reason', 'experiment', 'holdout']);
  });

  it('writes errorCode only when there is one, in the order the API serialises it', () => {
    expect(Object.keys(toFlagResult({ flagKey: 'f', variant: null, value: null, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' }))).toEqual([
      'variant', 'value', 'reason', 'errorCode',
    ]);
    expect(toFlagResult({ flagKey: 'f', variant: 'off', value: false, reason: 'DEFAULT' })).not.toHaveProperty('errorCode');
  });
});
