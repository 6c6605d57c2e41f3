// Values computed independently by fixtures/derive_expected.py (scipy, statsmodels, quadrature).
import expected from '../../fixtures/expected.json';
import type { CompareInput } from '../compare';
import type { CupedArmSums } from '../cuped';
import type { CupedRatioArmSums } from '../cuped-ratio';
import type { QuantileArmSums } from '../quantile-summary';
import type { RatioArmSums } from '../ratio-summary';

export interface ExpectedInterval {
  estimate: number;
  ci: number[];
  se: number;
  pValue: number;
}

export interface ExpectedComparison {
  absolute: ExpectedInterval;
  relative: ExpectedInterval;
  chanceToWin?: number;
  risk?: number[];
}

export const expectedCompare = expected.compare as unknown as { input: CompareInput; expected: ExpectedComparison }[];
export const expectedSrm = expected.srm;
export const expectedAdjust = expected.adjust as { input: { method: 'holm' | 'bh'; pValues: number[] }; expected: { adjusted: number[] } }[];
export const expectedCuped = expected.cuped as {
  input: { control: CupedArmSums; treatment: CupedArmSums };
  expected: {
    theta: number;
    control: { n: number; mean: number; variance: number };
    treatment: { n: number; mean: number; variance: number };
    varianceReduction: number;
    absolutePValue: number;
    absoluteEstimate: number;
  };
}[];
export const expectedPower = expected.power;
export const expectedDistributions = expected.distributions;
export const expectedRatio = expected.ratio as unknown as {
  input: { control: RatioArmSums; treatment: RatioArmSums };
  expected: {
    control: { mean: number; variance: number };
    treatment: { mean: number; variance: number };
    relative: { estimate: number; ci: number[]; pValue: number };
    numpy?: { controlVariance: number; treatmentVariance: number };
  };
}[];
export const gbstatsRatioPublished = expected.gbstatsRatioPublished.published;
export const expectedCupedRatio = expected.cupedRatio as unknown as {
  input: { control: CupedRatioArmSums; treatment: CupedRatioArmSums };
  expected: { theta: number; control: { n: number; mean: number; variance: number }; treatment: { n: number; mean: number; variance: number } };
}[];
export const expectedQuantile = expected.quantile as unknown as { input: QuantileArmSums; expected: { varianceOfEstimate: number } }[];
export const expectedSequentialSrm = expected.sequentialSrm as { input: { observed: number[]; weights: number[]; concentration: number }; expected: { logBayesFactor: number; pValue: number } }[];
export const expectedFieller = expected.fieller as {
  input: { control: { mean: number; varianceOfMean: number }; treatment: { mean: number; varianceOfMean: number }; boundary: number };
  expected: { ci: number[] };
}[];
