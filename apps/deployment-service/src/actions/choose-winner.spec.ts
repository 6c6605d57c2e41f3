import { chooseWinner } from './choose-winner';

const variants = (...keys: string[]) => [{ key: 'control', weight: 0, control: true }, ...keys.map((key) => ({ key, weight: 0, control: false }))];
const estimate = (variant: string, lift: number, metricKey = 'purchase') => ({ metricKey, variant, controlVariant: 'control', lift });

describe('chooseWinner', () => {
  it('picks the only treatment', () => {
    expect(chooseWinner({ variants: variants('green'), primaryMetric: 'purchase' })).toBe('green');
  });

  it('picks the treatment with the best primary-metric lift, ignoring other metrics', () => {
    const evidence = {
      unitsPerVariant: {},
      metrics: [estimate('a', 0.02), estimate('b', 0.05), estimate('a', 0.9, 'clicks')],
    };
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, evidence)).toBe('b');
  });

  it('falls back to the first treatment without primary-metric evidence', () => {
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, { unitsPerVariant: {}, metrics: [] })).toBe('a');
  });
});
