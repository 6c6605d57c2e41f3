import { Kafka, logLevel } from 'kafkajs';
import { kafkaOptionsOf } from './create-kafka';
import { KafkaUnavailableError } from './kafka-errors';

/**
 * Resolves when a broker answers a metadata request; throws KafkaUnavailableError otherwise.
 * Uses a silent client without connection retries when it can: a readiness probe must answer
 * quickly (it will be asked again) and must not leave a retry loop running after it gave up.
 */
export async function checkKafka(kafka: Kafka, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const known = kafkaOptionsOf(kafka);
  const probe = known
    ? new Kafka({
        brokers: known.brokers,
        clientId: `${known.clientId}-health`,
        ssl: known.ssl,
        sasl: known.sasl,
        connectionTimeout: Math.min(known.connectionTimeoutMs ?? 3000, timeoutMs),
        retry: { retries: 0 },
        logLevel: logLevel.NOTHING,
      })
    : kafka;
  const admin = probe.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await admin.connect();
        await admin.describeCluster();
      })(),
      timeout,
    ]);
  } catch (err) {
    throw new KafkaUnavailableError(`Kafka is unreachable: ${(err as Error).message}`, err);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
