import type { DataOf, MessageTypeName } from './message-registry';

export interface TopicSpec<T extends MessageTypeName = MessageTypeName> {
  name: string;
  messageType: T;
  partitions: number;
  /** Which field of the message is the record key (ordering and partitioning follow it). */
  keyField: string;
  keyOf: (data: DataOf<T>) => string;
  /** Topic-level Kafka configuration to apply on creation. */
  config?: Record<string, string>;
}

function defineTopic<T extends MessageTypeName>(spec: TopicSpec<T>): TopicSpec<T> {
  return spec;
}

export const topics = {
  /** One partition: consumers rebuild state by replaying it in total order, so it is never deleted. */
  configEvents: defineTopic({
    name: 'xp.config.events',
    messageType: 'config.event',
    partitions: 1,
    keyField: 'streamId',
    keyOf: (d) => d.streamId,
    config: { 'retention.ms': '-1', 'retention.bytes': '-1' },
  }),
  exposures: defineTopic({
    name: 'xp.exposures',
    messageType: 'exposure',
    partitions: 6,
    keyField: 'unitId',
    keyOf: (d) => d.unitId,
  }),
  events: defineTopic({
    name: 'xp.events',
    messageType: 'metric.event',
    partitions: 6,
    keyField: 'unitId',
    keyOf: (d) => d.unitId,
  }),
  decisions: defineTopic({
    name: 'xp.decisions',
    messageType: 'rollout.decision',
    partitions: 3,
    keyField: 'experimentKey',
    keyOf: (d) => d.experimentKey,
  }),
  deployments: defineTopic({
    name: 'xp.deployments',
    messageType: 'deployment.event',
    partitions: 3,
    keyField: 'deploymentId',
    keyOf: (d) => d.deploymentId,
  }),
  /** Per-flag evaluation counts from each assignment instance; keyed by instance so its windows stay in order. */
  flagUsage: defineTopic({
    name: 'xp.flag-usage',
    messageType: 'flag.usage',
    partitions: 3,
    keyField: 'source',
    keyOf: (d) => d.source,
  }),
} as const;

export const allTopics: readonly TopicSpec[] = Object.values(topics) as TopicSpec[];

export function dlqTopicName(topic: string): string {
  return `${topic}.dlq`;
}

export function findTopic(name: string): TopicSpec | undefined {
  return allTopics.find((t) => t.name === name);
}
