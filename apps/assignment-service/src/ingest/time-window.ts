/** How old, and how far ahead of the server's clock, an ingested event or exposure may be. */
export interface IngestTimeWindow {
  maxAgeMs: number;
  maxFutureMs: number;
}

/** 8 days: the analysis attribution window (7 days) plus a day for late SDK flushes; 5 minutes of clock skew. */
export const DEFAULT_INGEST_TIME_WINDOW: IngestTimeWindow = { maxAgeMs: 8 * 86_400_000, maxFutureMs: 5 * 60_000 };

const EPOCH_SECONDS_SUSPECT = 100_000_000_000; // epoch ms below this is before 1973: likely seconds

const describeSpan = (ms: number): string =>
  ms % 86_400_000 === 0 ? `${ms / 86_400_000} days` : ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${ms} ms`;

/**
 * Why a client-given time is outside the window, or undefined when it is inside. A permanent problem of
 * that one item: it is refused on its own, never the batch.
 */
export function timeWindowProblem(timestamp: string | number, at: Date, now: Date, window: IngestTimeWindow): string | undefined {
  const t = at.getTime();
  if (t < now.getTime() - window.maxAgeMs) {
    const hint = typeof timestamp === 'number' && timestamp < EPOCH_SECONDS_SUSPECT ? ' (epoch seconds instead of milliseconds?)' : '';
    return `${describeTime(at)} is older than ${describeSpan(window.maxAgeMs)}${hint}`;
  }
  if (t > now.getTime() + window.maxFutureMs) return `${describeTime(at)} is more than ${describeSpan(window.maxFutureMs)} ahead of the server's clock`;
  return undefined;
}

// toISOString gives "+010000-..." past year 9999, which is still readable; only an invalid Date has none.
const describeTime = (at: Date): string => (Number.isNaN(at.getTime()) ? 'the time' : at.toISOString());
