import { backoffDelay, type BackoffOptions } from '@xp/contracts';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

export interface WebhookDispatcherOptions {
  urls: readonly string[];
  secret: string;
  backoff: BackoffOptions;
  maxAttempts: number;
  timeoutMs: number;
  onOutcome?: (outcome: 'delivered' | 'retry' | 'failed', url: string, detail: { attempt: number; error?: string }) => void;
}

/**
 * Posts each deployment event to every configured URL, signed, with bounded retries. Delivery runs
 * in the background: a slow or failing receiver never holds up a rollout (and is best effort: an
 * undelivered webhook is not retried after a restart; xp.deployments is the durable record).
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  dispatch(envelope: { id: string }): void {
    const body = JSON.stringify(envelope);
    for (const url of this.options.urls) {
      const delivery = this.deliver(url, envelope.id, body).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  /** Waits for deliveries under way (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }

  private async deliver(url: string, eventId: string, body: string): Promise<void> {
    for (let attempt = 1; attempt <= this.options.maxAttempts && !this.stopped; attempt++) {
      const error = await this.attempt(url, eventId, body);
      if (error === undefined) {
        this.options.onOutcome?.('delivered', url, { attempt });
        return;
      }
      const last = attempt === this.options.maxAttempts;
      this.options.onOutcome?.(last ? 'failed' : 'retry', url, { attempt, error });
      if (!last) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, this.options.backoff)));
    }
  }

  /** Resolves to an error description, or undefined when the receiver answered 2xx. */
  private async attempt(url: string, eventId: string, body: string): Promise<string | undefined> {
    // Signed per attempt so that receivers may reject stale timestamps (replay protection).
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(this.options.secret, timestamp, body),
          'X-XP-Event-Id': eventId,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
