import { ConfigResourceTypes } from 'kafkajs';
import { kafkaForTests, uniqueTopic } from './testing';
import { ensureTopics } from './ensure-topics';

const kafka = kafkaForTests('ensure-topics-test');

describe('ensureTopics (real Kafka)', () => {
  it('creates a missing topic and its dead-letter topic with the requested partitions and config', async () => {
    const name = uniqueTopic('ensure');
    const created = await ensureTopics(kafka, [{ name, partitions: 3, config: { 'retention.ms': '-1' } }]);
    expect(created).toEqual([name, `${name}.dlq`]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [name, `${name}.dlq`] });
      expect(topics.map((t) => t.partitions.length)).toEqual([3, 3]);
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] }],
      });
      expect(configs.resources[0].configEntries[0].configValue).toBe('-1');
    } finally {
      await admin.disconnect();
    }
  });

  it('lets several processes ensure the same new topics at once: one creates them, all return with leaders', async () => {
    const name = uniqueTopic('ensure-race');
    const results = await Promise.all([1, 2, 3].map(() => ensureTopics(kafka, [{ name, partitions: 2 }])));
    // Each call saw the topics missing or not; none failed, and none names anything else.
    for (const created of results) expect([name, `${name}.dlq`]).toEqual(expect.arrayContaining(created));
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [name, `${name}.dlq`] });
      expect(topics.flatMap((t) => t.partitions.map((p) => p.leader >= 0))).toEqual([true, true, true, true]);
    } finally {
      await admin.disconnect();
    }
  });

  it('creates nothing the second time', async () => {
    const name = uniqueTopic('ensure-twice');
    await ensureTopics(kafka, [{ name, partitions: 1 }]);
    await expect(ensureTopics(kafka, [{ name, partitions: 1 }])).resolves.toEqual([]);
  });
});
