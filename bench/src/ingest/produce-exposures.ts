import { makeEnvelope } from '@xp/contracts';
import type { Kafka } from 'kafkajs';

/**
 * Produces `count` valid exposure envelopes (units u-0.., variants a/b, times spread over a day)
 * with a plain producer: the envelopes are built by makeEnvelope and valid by construction, so the
 * bench measures ingestion, not the producer's validation.
 */
export async function produceExposures(kafka: Kafka, topic: string, count: number, experimentKey: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const start = Date.UTC(2025, 0, 1);
  const perSend = 5000;
  const inFlight: Promise<unknown>[] = [];
  try {
    for (let from = 0; from < count; from += perSend) {
      const messages = [];
      for (let i = from; i < Math.min(count, from + perSend); i++) {
        const envelope = makeEnvelope(
          'exposure',
          { experimentKey, flagKey: experimentKey, variant: i % 2 === 0 ? 'a' : 'b', unitId: `u-${i}` },
          { occurredAt: new Date(start + (i % 86_400) * 1000) },
        );
        messages.push({ key: envelope.data.unitId, value: JSON.stringify(envelope) });
      }
      inFlight.push(producer.send({ topic, acks: 1, messages }));
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
}
