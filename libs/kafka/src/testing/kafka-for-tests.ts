import { logLevel, type Kafka } from 'kafkajs';
import { createKafka, parseBrokerList } from '../create-kafka';

export const DEFAULT_TEST_BROKERS = '127.0.0.1:19092';

/** A client for the broker started by `npm run infra:up` (or the one named by KAFKA_BROKERS). */
export function kafkaForTests(clientId = 'xp-tests'): Kafka {
  return createKafka({
    brokers: parseBrokerList(process.env.KAFKA_BROKERS ?? DEFAULT_TEST_BROKERS),
    clientId,
    logLevel: logLevel.NOTHING,
  });
}
