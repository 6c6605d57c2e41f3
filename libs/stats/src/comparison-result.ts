export interface LiftInterval {
  estimate: number;
  ci: [number, number];
  se: number;
  pValue: number;
}

export interface ComparisonResult {
  absolute: LiftInterval;
  /** null when the control mean is 0 (relative lift undefined). */
  relative: LiftInterval | null;
}

export interface BayesianComparisonResult {
  absolute: LiftInterval;
  relative: LiftInterval;
  /** P(relative lift > 0) under the posterior. */
  chanceToWin: number;
  /** [expected loss of keeping control, expected loss of choosing treatment], relative-lift units. */
  risk: [number, number];
}
