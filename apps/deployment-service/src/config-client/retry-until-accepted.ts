import { backoffDelay, type BackoffOptions } from '@xp/contracts';

export interface RetryOptions {
  backoff: BackoffOptions;
  /** Stops retrying (the service is shutting down): the pending work stays for the next start. */
  isStopped: () => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export class RetryStoppedError extends Error {
  constructor(readonly lastError: unknown) {
    super('stopped while retrying', { cause: lastError });
    this.name = 'RetryStoppedError';
  }
}

const isRetriable = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === true;

/** Runs `work` until it succeeds or fails for good; retriable failures are retried with backoff, without limit. */
export async function retryUntilAccepted<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isRetriable(err)) throw err;
      if (options.isStopped()) throw new RetryStoppedError(err);
      const delay = backoffDelay(attempt, options.backoff);
      options.onRetry?.(err, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (options.isStopped()) throw new RetryStoppedError(err);
    }
  }
}
