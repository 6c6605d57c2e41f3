import { topics, type TopicSpec } from './topics';

export type TopicKey = keyof typeof topics;

/** The names one platform uses; several platforms (or a test run) share a Kafka through distinct prefixes. */
export type TopicNames = Record<TopicKey, string>;

/** `prefix` + name; the empty prefix (the default) keeps the registry's names. */
export function prefixedTopicName(prefix: string, name: string): string {
  return `${prefix}${name}`;
}

export function topicNames(prefix = ''): TopicNames {
  const entries = Object.entries(topics).map(([key, spec]) => [key, prefixedTopicName(prefix, spec.name)]);
  return Object.fromEntries(entries) as TopicNames;
}

/** Consumer groups with a fixed id (the replaying followers use a group unique to each process instead). */
export const consumerGroups = {
  /** deployment-service's consumer of xp.decisions. */
  deployment: 'deployment-service',
  /** analysis-service's ingestion: `<id>.exposures` and `<id>.events`. */
  ingestion: 'analysis-ingest',
  /** config-service's consumer of xp.flag-usage (into the flag_usage table). */
  flagUsage: 'config-flag-usage',
} as const;

export type GroupKey = keyof typeof consumerGroups;

/** One platform's Kafka topology: every topic (prefixed name, registry partitions and settings) and group id. */
export interface KafkaTopology {
  topics: Record<TopicKey, TopicSpec>;
  groups: Record<GroupKey, string>;
}

/** Resolves the topology once (at configuration time): the prefix applies to every topic and every group. */
export function resolveTopology(prefix = ''): KafkaTopology {
  const entries = Object.entries(topics).map(([key, spec]) => [key, { ...spec, name: prefixedTopicName(prefix, spec.name) }]);
  const groups = Object.entries(consumerGroups).map(([key, id]) => [key, `${prefix}${id}`]);
  return { topics: Object.fromEntries(entries) as KafkaTopology['topics'], groups: Object.fromEntries(groups) as KafkaTopology['groups'] };
}
