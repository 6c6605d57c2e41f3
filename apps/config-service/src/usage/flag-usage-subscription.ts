import { ensureRegistryTopics } from '@xp/kafka';
import type { ConfigServiceConfig, KafkaSubscription } from '@xp/platform';
import type { Kafka } from 'kafkajs';

/** The consumer of xp.flag-usage (FlagUsageConsumerController), joined in the background. */
export function flagUsageSubscription(kafka: Kafka, config: ConfigServiceConfig): KafkaSubscription {
  const topic = config.kafka.topics.flagUsage.name;
  return {
    pattern: 'flag.usage',
    name: 'flag usage consumer',
    topic,
    messageType: 'flag.usage',
    groupId: config.kafka.groups.flagUsage,
    fromBeginning: true,
    maxBatchSize: 100,
    sessionTimeoutMs: config.kafka.consumer.sessionTimeoutMs,
    heartbeatIntervalMs: config.kafka.consumer.heartbeatIntervalMs,
    prepare: () => ensureRegistryTopics(kafka, { flagUsage: topic }),
  };
}
