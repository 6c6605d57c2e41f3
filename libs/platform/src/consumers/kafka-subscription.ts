import type { BackoffOptions, MessageTypeName } from '@xp/contracts';
import type { FetchOptions } from '@xp/kafka';

/** One consumer of the Kafka batch transport: the records of `topic` go to the `@EventPattern(pattern)` handler. */
export interface KafkaSubscription {
  /** The handler's `@EventPattern`: the message type by convention (`'rollout.decision'`). */
  pattern: string;
  /** Its name in /health/ready (`'decision consumer'`). */
  name: string;
  topic: string;
  messageType: MessageTypeName;
  groupId: string;
  fromBeginning?: boolean;
  /** Largest number of records given to one handler call. */
  maxBatchSize?: number;
  /** Delay between attempts of a failed batch. */
  backoff?: BackoffOptions;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** How long the broker may hold a fetch to gather more records (runBatchConsumer's `fetch`). */
  fetch?: FetchOptions;
  /** Runs before each start attempt (e.g. creating the topics). */
  prepare?: () => Promise<unknown>;
}
