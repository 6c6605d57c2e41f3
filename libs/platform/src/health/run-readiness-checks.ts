import { PendingPartError } from './pending-part-error';
import type { ReadinessCheck } from './readiness-check';

/** `starting`: a part the service starts in the background is not there yet (see PendingPartError). */
export type CheckState = 'up' | 'down' | 'starting';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckState>;
  /** What each `starting` part still waits for (e.g. "joining the consumer group of xp.decisions"); returned to callers. */
  waitingFor: Record<string, string>;
  /** Why each failing check is down; logged, not returned to callers. */
  failures: Record<string, string>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 3000;

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check concurrently, each bounded by `timeoutMs`, so one hung engine cannot hang the probe. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.allSettled(checks.map((c) => withTimeout(c, timeoutMs)));
  const report: ReadinessReport = { status: 'ok', checks: {}, waitingFor: {}, failures: {} };
  results.forEach((result, i) => {
    const name = checks[i].name;
    if (result.status === 'fulfilled') {
      report.checks[name] = 'up';
      return;
    }
    report.status = 'unavailable';
    if (result.reason instanceof PendingPartError) {
      report.checks[name] = 'starting';
      report.waitingFor[name] = result.reason.waitingFor;
      return;
    }
    report.checks[name] = 'down';
    report.failures[name] = result.reason instanceof Error ? result.reason.message : String(result.reason);
  });
  return report;
}
