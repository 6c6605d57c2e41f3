export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 10_000 };

/** Exponential delay before retry number `attempt` (1-based), capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions = defaultBackoff): number {
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
}
