import { KafkaAdapterError, KafkaUnavailableError } from './kafka-errors';

/**
 * Wraps an error kafkajs raised into a typed adapter error when it says the cluster is away (a
 * connection refused or closed, a request timeout, retries used up); undefined otherwise.
 * kafkajs' own `retriable` flag decides, as CONVENTIONS.md asks.
 */
export function classifyKafkaError(error: unknown): KafkaAdapterError | undefined {
  if (error instanceof KafkaAdapterError) return error;
  if (!(error instanceof Error) || !error.name.startsWith('KafkaJS')) return undefined;
  const { retriable } = error as Error & { retriable?: unknown };
  // Retries exceeded is "non-retriable" for kafkajs' own loop; for a client it means "the brokers did not answer".
  if (retriable === true || error.name === 'KafkaJSNumberOfRetriesExceeded') {
    return new KafkaUnavailableError(`Kafka is unavailable: ${error.message}`, error);
  }
  return undefined;
}
