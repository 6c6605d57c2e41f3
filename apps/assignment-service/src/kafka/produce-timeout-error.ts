/** Kafka did not acknowledge a send within the configured bound; the send may still complete later. */
export class ProduceTimeoutError extends Error {
  readonly retriable = true;

  constructor(
    readonly topic: string,
    readonly timeoutMs: number,
  ) {
    super(`Kafka did not acknowledge the send to ${topic} within ${timeoutMs} ms`);
    this.name = 'ProduceTimeoutError';
  }
}

/**
 * Settles like `work`, or rejects with ProduceTimeoutError after `timeoutMs`. `work` goes on in the
 * background (kafkajs cannot cancel a send); its late failure is swallowed here, not left unhandled.
 */
export function withinAckTimeout<T>(work: Promise<T>, topic: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProduceTimeoutError(topic, timeoutMs)), timeoutMs);
    timer.unref();
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
