import { allTopics, dlqTopicName, findTopic, topics } from './topics';
import { messageTypes } from './message-registry';

describe('topic registry', () => {
  it('keeps the config event topic on one partition with unlimited retention so replays see every event', () => {
    expect(topics.configEvents.partitions).toBe(1);
    expect(topics.configEvents.config?.['retention.ms']).toBe('-1');
  });

  it('names the topics, their message types, partition counts and keys as designed', () => {
    expect(allTopics.map((t) => [t.name, t.messageType, t.partitions, t.keyField])).toEqual([
      ['xp.config.events', 'config.event', 1, 'streamId'],
      ['xp.exposures', 'exposure', 6, 'unitId'],
      ['xp.events', 'metric.event', 6, 'unitId'],
      ['xp.decisions', 'rollout.decision', 3, 'experimentKey'],
      ['xp.deployments', 'deployment.event', 3, 'deploymentId'],
      ['xp.flag-usage', 'flag.usage', 3, 'source'],
    ]);
  });

  it('maps every topic to a registered message type', () => {
    for (const t of allTopics) expect(Object.keys(messageTypes)).toContain(t.messageType);
  });

  it('extracts the record key from message data', () => {
    expect(topics.exposures.keyOf({ experimentKey: 'e', flagKey: 'f', variant: 'v', unitId: 'u-9' })).toBe('u-9');
    expect(topics.deployments.keyOf({
      deploymentId: 'd-1', experimentKey: 'e', service: 's', action: 'PROMOTE', activeColour: 'green',
      weights: { blue: 0, green: 100 }, status: 'COMPLETED',
    })).toBe('d-1');
  });

  it('derives the dead-letter topic name by suffixing .dlq', () => {
    expect(dlqTopicName('xp.exposures')).toBe('xp.exposures.dlq');
  });

  it('finds a topic by name and returns undefined for unknown names', () => {
    expect(findTopic('xp.decisions')?.messageType).toBe('rollout.decision');
    expect(findTopic('xp.nope')).toBeUndefined();
  });
});
