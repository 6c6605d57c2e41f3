import { allTopics, topics, type TopicSpec } from './topics';

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

/** Every topic spec under its prefixed name (partitions and settings unchanged), e.g. for `ensureTopics`. */
export function prefixedTopics(prefix = ''): TopicSpec[] {
  return allTopics.map((spec) => ({ ...spec, name: prefixedTopicName(prefix, spec.name) }));
}
