import { ensureRegistryTopics } from '@xp/kafka';
import type { KafkaSubscription } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import type { DeploymentOptions } from '../deployment-options';

/**
 * The consumer of xp.decisions (DecisionsController), joined in the background: the HTTP API (operators
 * included) answers while Kafka is down or while the consumer rejoins its group after a crash (which
 * waits out the dead member's session).
 */
export function decisionSubscription(kafka: Kafka, options: DeploymentOptions): KafkaSubscription {
  return {
    pattern: 'rollout.decision',
    name: 'decision consumer',
    topic: options.decisionsTopic,
    messageType: 'rollout.decision',
    groupId: options.groupId,
    fromBeginning: true,
    backoff: options.commandBackoff,
    sessionTimeoutMs: options.consumerSessionTimeoutMs,
    heartbeatIntervalMs: options.consumerHeartbeatIntervalMs,
    prepare: () => ensureRegistryTopics(kafka, { decisions: options.decisionsTopic, deployments: options.deploymentsTopic }),
  };
}
