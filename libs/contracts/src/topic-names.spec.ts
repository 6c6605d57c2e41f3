import { dlqTopicName } from './topics';
import { prefixedTopicName, resolveTopology, topicNames } from './topic-names';

describe('topic name prefixing', () => {
  it('keeps the registry names when the prefix is empty', () => {
    expect(topicNames()).toEqual({
      configEvents: 'xp.config.events',
      exposures: 'xp.exposures',
      events: 'xp.events',
      decisions: 'xp.decisions',
      deployments: 'xp.deployments',
      flagUsage: 'xp.flag-usage',
    });
  });

  it('puts the prefix in front of every topic name', () => {
    expect(topicNames('e2e-42.').decisions).toBe('e2e-42.xp.decisions');
    expect(prefixedTopicName('blue-', 'xp.events')).toBe('blue-xp.events');
  });

  it('lets the dead-letter topic follow its prefixed source', () => {
    expect(dlqTopicName(topicNames('t1.').exposures)).toBe('t1.xp.exposures.dlq');
  });

  it('resolves the topology: prefixed topics with the registry partitions and settings, prefixed group ids', () => {
    const topology = resolveTopology('p.');
    const specs = Object.values(topology.topics);
    expect(specs.map((s) => [s.name, s.partitions])).toEqual([
      ['p.xp.config.events', 1],
      ['p.xp.exposures', 6],
      ['p.xp.events', 6],
      ['p.xp.decisions', 3],
      ['p.xp.deployments', 3],
      ['p.xp.flag-usage', 3],
    ]);
    expect(specs[0].config?.['retention.ms']).toBe('-1');
    expect(topology.groups).toEqual({ deployment: 'p.deployment-service', ingestion: 'p.analysis-ingest', flagUsage: 'p.config-flag-usage' });
    expect(resolveTopology().topics.decisions.name).toBe('xp.decisions');
  });
});
