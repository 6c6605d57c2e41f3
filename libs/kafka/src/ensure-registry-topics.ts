import { topics, type TopicKey } from '@xp/contracts';
import { ensureTopics, type EnsureTopicsOptions } from './ensure-topics';

/**
 * Creates the registry's topics (and their DLQs) under the names given, with the registry's partitions
 * and settings: `{ decisions: 'p.xp.decisions' }`. The one way services ensure the platform's topics.
 */
export function ensureRegistryTopics(
  kafka: Parameters<typeof ensureTopics>[0],
  names: Partial<Record<TopicKey, string>>,
  options?: EnsureTopicsOptions,
): Promise<string[]> {
  const specs = (Object.entries(names) as [TopicKey, string][]).map(([key, name]) => ({
    name,
    partitions: topics[key].partitions,
    config: topics[key].config,
  }));
  return ensureTopics(kafka, specs, options);
}
