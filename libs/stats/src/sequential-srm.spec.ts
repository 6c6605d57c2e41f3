import { binomialBounds } from './testing/binomial-bounds';
import { expectClose } from './testing/expect-close';
import { expectedSequentialSrm } from './testing/expected-values';
import { sequentialSrmCheck } from './sequential-srm';
import { srmCheck } from './srm-check';

describe('sequential SRM test (Dirichlet-multinomial Bayes factor)', () => {
  it.each(expectedSequentialSrm.map((c) => [c.input.observed.join('/'), c] as const))('%s matches the Bayes factor computed with scipy gammaln', (_name, { input, expected }) => {
    const result = sequentialSrmCheck(input);
    expectClose(Math.log(result.bayesFactor), expected.logBayesFactor, 1e-9, 'log BF');
    expectClose(result.pValue, expected.pValue, 1e-9, 'p');
  });

  it('keeps false alarms below its threshold when checked at every one of 500 looks, where chi-square does not', () => {
    // A/A split 50/50, 200 units between looks: how many went to the first variant is an exact
    // Binomial(200, 1/2) draw (inverse CDF of a seeded uniform), the other 200 - k to the second.
    let state = 7;
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const cdf: number[] = [];
    let pmf = 0.5 ** 200;
    for (let k = 0, total = 0; k <= 200; k += 1) {
      total += pmf;
      cdf.push(total);
      pmf *= (200 - k) / (k + 1);
    }
    const firstOf200 = () => {
      const u = uniform();
      let k = 0;
      while (k < 200 && cdf[k] < u) k += 1;
      return k;
    };
    const runs = 500;
    const threshold = 0.01;
    let sequentialAlarms = 0;
    let chiSquareAlarms = 0;
    for (let r = 0; r < runs; r += 1) {
      const observed = [0, 0];
      let sequential = false;
      let chi = false;
      for (let look = 0; look < 500 && !(sequential && chi); look += 1) {
        const k = firstOf200();
        observed[0] += k;
        observed[1] += 200 - k;
        sequential ||= sequentialSrmCheck({ observed, weights: [1, 1] }).pValue < threshold;
        chi ||= srmCheck({ observed, weights: [1, 1] }).pValue < threshold;
      }
      if (sequential) sequentialAlarms += 1;
      if (chi) chiSquareAlarms += 1;
    }
    const [, hi] = binomialBounds(runs, threshold);
    expect(sequentialAlarms).toBeLessThanOrEqual(hi);
    expect(chiSquareAlarms).toBeGreaterThan(hi);
  });
});
