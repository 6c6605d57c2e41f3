import { adjustPValues } from './adjust-p-values';
import { expectClose } from './testing/expect-close';
import { expectedAdjust } from './testing/expected-values';

describe('adjustPValues', () => {
  it.each(expectedAdjust.map((c) => [c.input.method, c.input.pValues.join(', '), c] as const))(
    '%s on [%s] matches statsmodels multipletests, in input order',
    (_m, _p, { input, expected }) => {
      const adjusted = adjustPValues(input);
      expect(adjusted).toHaveLength(expected.adjusted.length);
      adjusted.forEach((value, i) => expectClose(value, expected.adjusted[i], 1e-14, `adjusted[${i}]`));
    },
  );

  it.each(['holm', 'bh'] as const)('%s keeps the order of the raw p-values and never exceeds 1', (method) => {
    const pValues = [0.3, 0.001, 0.04, 0.9, 0.02, 0.04];
    const adjusted = adjustPValues({ method, pValues });
    for (let i = 0; i < pValues.length; i += 1) {
      expect(adjusted[i]).toBeGreaterThanOrEqual(pValues[i]);
      expect(adjusted[i]).toBeLessThanOrEqual(1);
      for (let j = 0; j < pValues.length; j += 1) {
        if (pValues[i] < pValues[j]) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
      }
    }
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => adjustPValues({ method: 'bh', pValues: [0.1, 1.2] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
