import type { BackoffOptions } from '@xp/contracts';
import { topics } from '@xp/contracts';

/** Knobs that tests change (topic names, retry pacing); production uses the defaults. */
export interface DeploymentOptions {
  decisionsTopic: string;
  deploymentsTopic: string;
  groupId: string;
  /** Pacing of config-service and Kafka retries; retried without limit until accepted. */
  commandBackoff: BackoffOptions;
  /** Pacing of webhook retries: attempt n waits backoffDelay(n) before attempt n + 1. */
  webhookBackoff: BackoffOptions;
  /** Attempts per event and subscription before its outbox row is marked failed. */
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  /** How often the webhook outbox is polled for due deliveries (it is also kicked after each action). */
  webhookPollMs: number;
  /** Outbox rows claimed (and sent in parallel) per round. */
  webhookBatchSize: number;
  /**
   * Session timeout and heartbeat of the decisions consumer: after a crash the restarted consumer gets its
   * partitions only once the dead member's session expired (kafkajs has no static membership).
   */
  consumerSessionTimeoutMs: number;
  consumerHeartbeatIntervalMs: number;
  /** How often recorded effects that are still pending are tried again in the background. */
  pendingRetryMs: number;
  /** How long an operator request waits for its config-service command before answering 202. */
  operatorWaitMs: number;
}

export const DEPLOYMENT_OPTIONS = Symbol('DEPLOYMENT_OPTIONS');

export const defaultDeploymentOptions: DeploymentOptions = {
  decisionsTopic: topics.decisions.name,
  deploymentsTopic: topics.deployments.name,
  groupId: 'deployment-service',
  commandBackoff: { initialMs: 250, maxMs: 10_000 },
  webhookBackoff: { initialMs: 500, maxMs: 30_000 },
  webhookMaxAttempts: 6,
  webhookTimeoutMs: 5000,
  webhookPollMs: 1000,
  webhookBatchSize: 10,
  operatorWaitMs: 5000,
  consumerSessionTimeoutMs: 10_000,
  consumerHeartbeatIntervalMs: 3000,
  pendingRetryMs: 5000,
};
