import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG_SERVICE_CLIENT } from '../config-client/config-client.provider';
import type { ConfigServiceClient } from '../config-client/config-service.client';
import { retryUntilAccepted, RetryStoppedError } from '../config-client/retry-until-accepted';
import { DEPLOYMENT_METRICS, type DeploymentMetrics } from '../deployment-metrics';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { DeploymentEventPublisher } from '../deployments/deployment-event-publisher';
import { WebhookDeliveryWorker } from '../webhooks/webhook-delivery.worker';
import { WebhookOutboxStore } from '../webhooks/webhook-outbox-store';
import { executeConfigCommand } from './config-command.executor';
import { PendingActionStore, type PendingAction } from './pending-action-store';

/** Kafka send failures (broker away, leader moving) are always worth another try. */
const asRetriable = (err: unknown) => Object.assign(err instanceof Error ? err : new Error(String(err)), { retriable: true });

/**
 * Performs committed actions in commit order: config-service commands (retried until config-service
 * accepts them), then the deployment event, then marks the action done and writes its webhook outbox
 * rows in one transaction; WebhookDeliveryWorker delivers those in the background. A crash anywhere
 * leaves the action pending and it is performed again at the next drain; every step is idempotent
 * (decision ids at config-service, same envelope id on Kafka and in the webhook outbox).
 */
@Injectable()
export class ActionRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(ActionRunner.name);
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(PendingActionStore) private readonly store: PendingActionStore,
    @Inject(CONFIG_SERVICE_CLIENT) private readonly client: ConfigServiceClient,
    @Inject(DeploymentEventPublisher) private readonly publisher: DeploymentEventPublisher,
    @Inject(WebhookOutboxStore) private readonly outbox: WebhookOutboxStore,
    @Inject(WebhookDeliveryWorker) private readonly webhooks: WebhookDeliveryWorker,
    @Inject(DEPLOYMENT_METRICS) private readonly metrics: DeploymentMetrics,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
  ) {}

  /** Resolves once every action committed before the call has been performed; rejects when stopped first. */
  drain(): Promise<void> {
    const pass = this.chain.then(() => this.performAll());
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async performAll(): Promise<void> {
    for (let action = await this.store.next(); action; action = await this.store.next()) {
      if (this.stopped) throw new RetryStoppedError(undefined);
      await this.perform(action);
    }
  }

  private retry<T>(what: string, action: PendingAction, work: () => Promise<T>): Promise<T> {
    return retryUntilAccepted(work, {
      backoff: this.options.commandBackoff,
      isStopped: () => this.stopped,
      onRetry: (err, attempt, delayMs) => {
        this.metrics.commandRetries.inc({ command: what });
        this.logger.warn({ err, experimentKey: action.experimentKey, decisionId: action.decisionId, what, attempt, delayMs }, `${what} failed; retrying`);
        void this.store.noteFailedAttempt(action.id, (err as Error).message).catch(() => undefined);
      },
    });
  }

  private async perform(action: PendingAction): Promise<void> {
    for (const command of action.commands) {
      try {
        await this.retry(command.type, action, () => executeConfigCommand(this.client, action.experimentKey, command));
      } catch (err) {
        if (err instanceof RetryStoppedError) throw err;
        // Refused for good (e.g. the experiment was concluded by hand): waiting would block every later rollout.
        this.metrics.commandFailures.inc({ command: command.type });
        this.logger.error({ err, experimentKey: action.experimentKey, decisionId: action.decisionId, command: command.type }, 'config-service refused a rollout command');
        await this.store.finish(action.id, 'failed', (err as Error).message);
        return;
      }
    }
    const event = action.event;
    if (event) await this.retry('publish', action, () => this.publisher.publish(event).catch((err) => Promise.reject(asRetriable(err))));
    // The webhook outbox rows are written in the transaction that marks the action done, not in the one
    // that recorded it: a webhook tells what was performed (config-service accepted, event on
    // xp.deployments), and a command refused for good sends none. Until then the pending_actions row is the
    // durable copy, so no done action lacks its rows, and performing it again inserts none twice (event id).
    await this.store.transaction(async (m) => {
      await this.store.finish(action.id, 'done', undefined, m);
      if (event) await this.outbox.enqueue(event, m);
    });
    if (action.alert) {
      this.metrics.alerts.inc({ kind: event?.data.action ?? 'unknown' });
      this.logger.warn({ experimentKey: action.experimentKey, decisionId: action.decisionId, action: event?.data.action }, 'rollout alert');
    }
    if (event) this.webhooks.kick();
  }
}
