/**
 * How long to wait before retry number `attempt` (1-based): `initialMs · 2^(attempt−1)`, capped at
 * `maxMs`. With `jitter: 'full'` a uniform draw in [0, that delay) instead, so that many clients
 * retrying after one outage spread out rather than arriving together (SDKs); without it the
 * schedule is deterministic (services, tests). The one retry schedule of services and SDKs alike.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  jitter?: 'none' | 'full';
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 10_000 };

export function backoffDelay(attempt: number, options: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return options.jitter === 'full' ? Math.floor(random() * ceiling) : ceiling;
}
