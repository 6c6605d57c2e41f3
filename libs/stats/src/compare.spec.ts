import { compare } from './compare';
import type { BayesianComparisonResult, LiftInterval } from './comparison-result';
import { expectClose } from './testing/expect-close';
import { type ExpectedInterval, expectedCompare } from './testing/expected-values';

function expectInterval(actual: LiftInterval | null, expected: ExpectedInterval, label: string): void {
  expect(actual).not.toBeNull();
  expectClose(actual!.estimate, expected.estimate, 1e-9, `${label} estimate`);
  expectClose(actual!.se, expected.se, 1e-9, `${label} se`);
  expectClose(actual!.ci[0], expected.ci[0], 1e-9, `${label} ci low`);
  expectClose(actual!.ci[1], expected.ci[1], 1e-9, `${label} ci high`);
  expectClose(actual!.pValue, expected.pValue, 1e-9, `${label} p-value`);
}

const caseName = ({ input }: (typeof expectedCompare)[number]) =>
  `${input.method} ${input.metric} n=${input.control.n}/${input.treatment.n} α=${input.alpha}` +
  (input.sequentialTuning ? ` N*=${input.sequentialTuning}` : '') +
  (input.prior ? ` prior N(${input.prior.mean}, ${input.prior.variance})` : '');

describe('compare matches values derived independently with scipy', () => {
  it.each(expectedCompare.map((c) => [caseName(c), c] as const))('%s', (_name, { input, expected }) => {
    const result = compare(input);
    expectInterval(result.absolute, expected.absolute, 'absolute');
    expectInterval(result.relative, expected.relative, 'relative');
    if (input.method === 'bayesian') {
      const bayes = result as BayesianComparisonResult;
      expectClose(bayes.chanceToWin, expected.chanceToWin!, 1e-9, 'chance to win');
      expectClose(bayes.risk[0], expected.risk![0], 1e-9, 'risk of control');
      expectClose(bayes.risk[1], expected.risk![1], 1e-9, 'risk of treatment');
    }
  });
});

describe('compare input handling', () => {
  const arms = { control: { n: 100, sum: 10 }, treatment: { n: 100, sum: 14 } };

  it('defaults alpha to 0.05 and N* to 5000', () => {
    const explicit = compare({ metric: 'proportion', method: 'sequential', alpha: 0.05, sequentialTuning: 5000, ...arms });
    expect(compare({ metric: 'proportion', method: 'sequential', ...arms })).toEqual(explicit);
  });

  it('lists every invalid field in one typed error', () => {
    const bad = { metric: 'median', method: 'fixed', alpha: 2, control: { n: -1, sum: 1 }, treatment: arms.treatment };
    try {
      compare(bad as never);
      throw new Error('compare accepted invalid input');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      const paths = (error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['metric', 'alpha', 'control.n']));
    }
  });

  it('refuses a Bayesian comparison when the control mean is 0', () => {
    const input = { metric: 'proportion', method: 'bayesian', control: { n: 100, sum: 0 }, treatment: arms.treatment } as const;
    expect(() => compare(input)).toThrow(expect.objectContaining({ code: 'CONTROL_MEAN_ZERO' }));
  });
});
