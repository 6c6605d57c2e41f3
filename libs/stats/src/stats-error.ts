export type StatsErrorCode =
  | 'INVALID_ALPHA'
  | 'INVALID_INPUT'
  | 'INSUFFICIENT_SAMPLE'
  | 'ZERO_VARIANCE'
  | 'CONTROL_MEAN_ZERO';

/** A statistics question that has no answer for the given input. Never retriable: same input, same answer. */
export class StatsError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: StatsErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StatsError';
  }
}

export function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new StatsError('INVALID_ALPHA', `alpha must be strictly between 0 and 1, got ${alpha}`, { alpha });
  }
}
