import { followTopic } from '@xp/kafka';
import type { Kafka } from 'kafkajs';

/**
 * The decision ids already on the decisions topic: replayed from offset 0 up to the end it had at
 * start (records failing their contract go to the DLQ and carry no id), so that a restarted service
 * does not publish them again.
 */
export async function readDecisionIds(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Set<string>> {
  const ids = new Set<string>();
  const follower = await followTopic({
    kafka,
    topic,
    messageType: 'rollout.decision',
    groupPrefix: 'analysis-decisions-reader',
    handler: async (records) => {
      for (const record of records) ids.add(record.envelope.data.decisionId);
    },
  });
  try {
    if (!(await follower.whenCaughtUp(timeoutMs))) throw new Error(`timed out reading ${topic} back`);
  } finally {
    await follower.stop();
  }
  return ids;
}
