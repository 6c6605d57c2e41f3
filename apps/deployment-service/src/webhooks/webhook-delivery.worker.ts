import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { backoffDelay } from '@xp/contracts';
import { BackgroundStarter, SERVICE_CONFIG, type DeploymentServiceConfig } from '@xp/platform';
import { DEPLOYMENT_METRICS, type DeploymentMetrics } from '../deployment-metrics';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { WebhookOutboxStore, type AttemptOutcome, type ClaimedDelivery } from './webhook-outbox-store';
import { sendWebhook } from './webhook-sender';
import { WebhookSubscriptionStore } from './webhook-subscription-store';

/** How long past its timeout a claimed attempt keeps its row before another sender may take it over. */
const LEASE_MARGIN_MS = 5000;

/** The URL may embed a receiver's token: logs name its origin only. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
};

/**
 * Delivers the webhook outbox: polls due rows (and is kicked after each action marked done), POSTs each
 * signed with its subscription's current secret and the event id as X-XP-Event-Id, and records every
 * attempt. A failed attempt is retried after backoffDelay(attempt) until `webhookMaxAttempts`, then the row
 * is marked failed (still listed by the API). Rows survive restarts, so a crash between an action and its
 * delivery only delays it (at-least-once: receivers drop repeats by event id).
 *
 * Starts in the background (PostgreSQL may be away at start): first WEBHOOK_URLS become subscriptions, then
 * polling begins; the HTTP API never waits for it.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly starter = new BackgroundStarter('webhook delivery', () => this.start(), { warn: (context) => this.logger.warn(context) });
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(WebhookSubscriptionStore) private readonly subscriptions: WebhookSubscriptionStore,
    @Inject(WebhookOutboxStore) private readonly outbox: WebhookOutboxStore,
    @Inject(SERVICE_CONFIG) private readonly config: DeploymentServiceConfig,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
    @Inject(DEPLOYMENT_METRICS) private readonly metrics: DeploymentMetrics,
  ) {}

  onApplicationBootstrap(): void {
    void this.starter.begin();
  }

  /** Before the connections close: stop polling and let attempts under way record their outcome. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.starter.stop();
    await this.running;
  }

  /** Delivers what is due now; a pass that runs is followed by another (it may have looked before the latest commit). */
  kick(): void {
    if (this.stopped || !this.starter.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.pass()
      .catch((err: unknown) => {
        if (!this.stopped) this.logger.warn({ err }, 'webhook outbox pass failed; retrying later');
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) this.kick();
      });
  }

  private async start(): Promise<void> {
    const added = await this.subscriptions.bootstrap(this.config.webhooks.urls, this.config.webhooks.secret);
    if (added.length > 0) this.logger.log({ targets: added.map(originOf) }, 'WEBHOOK_URLS added as webhook subscriptions');
    if (this.starter.stopped) return;
    this.timer = setInterval(() => this.kick(), this.options.webhookPollMs);
    this.timer.unref();
    // started is set once start() has returned: kick on the next turn.
    setImmediate(() => this.kick());
  }

  private async pass(): Promise<void> {
    const { webhookBatchSize, webhookTimeoutMs } = this.options;
    while (!this.stopped) {
      const claimed = await this.outbox.claimDue(webhookBatchSize, webhookTimeoutMs + LEASE_MARGIN_MS);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      if (claimed.length < webhookBatchSize) return;
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { status, error } = await sendWebhook(delivery.url, delivery.secret, delivery.eventId, delivery.body, this.options.webhookTimeoutMs);
    const outcome: AttemptOutcome =
      error === undefined
        ? { outcome: 'delivered', status: status ?? 200 }
        : delivery.attempt >= this.options.webhookMaxAttempts
          ? { outcome: 'failed', status, error }
          : { outcome: 'retry', status, error, retryInMs: backoffDelay(delivery.attempt, this.options.webhookBackoff) };
    this.metrics.webhookDeliveries.inc({ outcome: outcome.outcome });
    const context = { target: originOf(delivery.url), subscriptionId: delivery.subscriptionId, eventId: delivery.eventId, attempt: delivery.attempt, error };
    if (outcome.outcome === 'failed') this.logger.error(context, 'webhook delivery failed; giving up');
    else if (outcome.outcome === 'retry') this.logger.warn(context, 'webhook delivery failed; retrying');
    await this.outbox.record(delivery, outcome);
  }
}
