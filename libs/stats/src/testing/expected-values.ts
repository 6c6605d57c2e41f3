// Values computed independently by fixtures/derive_expected.py (scipy, statsmodels, quadrature).
import expected from '../../fixtures/expected.json';
import type { CompareInput } from '../compare';
import type { CupedArmSums } from '../cuped';

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
