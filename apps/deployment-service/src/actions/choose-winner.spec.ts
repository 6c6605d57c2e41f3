import { chooseWinner } from './choose-winner';

const variants = (...keys: string[]) => [{ key: 'control', weight: 0, control: true }, ...keys.map((key) => ({ key, weight: 0, control: false }))];
const estimate = (variant: string, lift: number, metricKey = 'purchase') => ({ metricKey, variant, controlVariant: 'control', lift });

describe('chooseWinner', () => {
  it('ships the winner the SHIP decision names, whatever the lifts in the evidence', () => {
    const evidence = { unitsPerVariant: {}, metrics: [estimate('a', -0.5), estimate('b', 0.05)] };
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, 'a', evidence)).toBe('a');
  });

  it('ignores a named winner that is not a treatment of the experiment', () => {
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, 'control')).toBe('a');
  });

  it('picks the only treatment', () => {
    expect(chooseWinner({ variants: variants('green'), primaryMetric: 'purchase' })).toBe('green');
  });

  it('for a decision without a winner (published before decisions named one) picks the best primary-metric lift', () => {
    const evidence = {
      unitsPerVariant: {},
      metrics: [estimate('a', 0.02), estimate('b', 0.05), estimate('a', 0.9, 'clicks')],
    };
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, undefined, evidence)).toBe('b');
  });

  it('falls back to the first treatment without primary-metric evidence', () => {
    expect(chooseWinner({ variants: variants('a', 'b'), primaryMetric: 'purchase' }, undefined, { unitsPerVariant: {}, metrics: [] })).toBe('a');
  });
});
