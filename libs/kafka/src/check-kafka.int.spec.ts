import { logLevel } from 'kafkajs';
import { kafkaForTests } from './testing';
import { checkKafka } from './check-kafka';
import { createKafka } from './create-kafka';
import { KafkaUnavailableError } from './kafka-errors';

describe('checkKafka', () => {
  it('resolves when the broker answers', async () => {
    await expect(checkKafka(kafkaForTests())).resolves.toBeUndefined();
  });

  it('throws a retriable KafkaUnavailableError when nothing listens on the broker address', async () => {
    const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'probe-test', logLevel: logLevel.NOTHING });
    const error = await checkKafka(kafka, { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaUnavailableError);
    expect((error as KafkaUnavailableError).retriable).toBe(true);
  });
});
