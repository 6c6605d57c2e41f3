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

  it('keeps false alarms below its threshold when checked at every one of 1,000 looks, where chi-square does not', () => {
    // A/A split 50/50, 200 units between looks; a seeded uniform stream.
    let state = 7;
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const runs = 1000;
    const threshold = 0.01;
    let sequentialAlarms = 0;
    let chiSquareAlarms = 0;
    for (let r = 0; r < runs; r += 1) {
      const observed = [0, 0];
      let sequential = false;
      let chi = false;
      for (let look = 0; look < 1000 && !(sequential && chi); look += 1) {
        for (let u = 0; u < 200; u += 1) observed[uniform() < 0.5 ? 0 : 1] += 1;
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
