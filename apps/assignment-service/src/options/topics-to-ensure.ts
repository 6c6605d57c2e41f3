import { topics } from '@xp/contracts';
import type { TopicToEnsure } from '@xp/kafka';
import type { AssignmentTopics } from './assignment-options';

/** The service's topics with the registry's partitions and settings, under the (possibly overridden) names. */
export function topicsToEnsure(names: AssignmentTopics): TopicToEnsure[] {
  return [
    { name: names.configEvents, partitions: topics.configEvents.partitions, config: topics.configEvents.config },
    { name: names.exposures, partitions: topics.exposures.partitions },
    { name: names.events, partitions: topics.events.partitions },
  ];
}
