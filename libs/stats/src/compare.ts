import { z } from 'zod';
import { type ArmSummary, armSumsSchema, metricTypeSchema, summarizeArm } from './arm-summary';
import { bayesianTest, gaussianPriorSchema } from './bayesian-test';
import type { BayesianComparisonResult, ComparisonResult } from './comparison-result';
import { fixedTest } from './fixed-test';
import { parseInput } from './parse-input';
import { DEFAULT_SEQUENTIAL_TUNING, sequentialTest } from './sequential-test';

export const testMethodSchema = z.enum(['fixed', 'sequential', 'bayesian']);
export type TestMethod = z.infer<typeof testMethodSchema>;

export const compareOptionsSchema = z.object({
  method: testMethodSchema,
  alpha: z.number().gt(0).lt(1).default(0.05),
  sequentialTuning: z.number().finite().positive().default(DEFAULT_SEQUENTIAL_TUNING),
  prior: gaussianPriorSchema.optional(),
});
export type CompareOptions = z.input<typeof compareOptionsSchema>;

export const compareInputSchema = compareOptionsSchema.extend({
  metric: metricTypeSchema,
  control: armSumsSchema,
  treatment: armSumsSchema,
});
export type CompareInput = z.input<typeof compareInputSchema>;

export type CompareResult = ComparisonResult | BayesianComparisonResult;

/** Runs the chosen method on already summarized arms (e.g. CUPED-adjusted ones). */
export function compareSummaries(control: ArmSummary, treatment: ArmSummary, options: CompareOptions): CompareResult {
  const { method, alpha, sequentialTuning, prior } = parseInput(compareOptionsSchema, options);
  switch (method) {
    case 'fixed':
      return fixedTest(control, treatment, { alpha });
    case 'sequential':
      return sequentialTest(control, treatment, { alpha, tuning: sequentialTuning });
    case 'bayesian':
      return bayesianTest(control, treatment, { alpha, prior });
  }
}

/** Compares treatment against control from their sufficient statistics. */
export function compare(input: CompareInput): CompareResult {
  const { metric, control, treatment, ...options } = parseInput(compareInputSchema, input);
  return compareSummaries(summarizeArm(metric, control, 'control'), summarizeArm(metric, treatment, 'treatment'), options);
}
