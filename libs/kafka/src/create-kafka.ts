import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** kafkajs log level; defaults to WARN so that its reconnect chatter stays out of service logs. */
  logLevel?: logLevel;
  logCreator?: KafkaConfig['logCreator'];
  retry?: KafkaConfig['retry'];
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
}

// Remembered so that checkKafka can build a quiet, no-retry probe client with the same settings.
const optionsByClient = new WeakMap<Kafka, KafkaOptions>();

export function createKafka(options: KafkaOptions): Kafka {
  if (options.brokers.length === 0) throw new Error('createKafka: at least one broker is required');
  const kafka = new Kafka({
    brokers: options.brokers,
    clientId: options.clientId,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: options.logCreator,
    retry: options.retry,
    ssl: options.ssl,
    sasl: options.sasl,
  });
  optionsByClient.set(kafka, options);
  return kafka;
}

export function kafkaOptionsOf(kafka: Kafka): KafkaOptions | undefined {
  return optionsByClient.get(kafka);
}

/** Parses `KAFKA_BROKERS`-style lists: "host:port,host:port". */
export function parseBrokerList(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}
