/** Base of every error raised by the Kafka adapter: a stable code and whether retrying may help. */
export class KafkaAdapterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The brokers could not be reached (used by readiness checks). */
export class KafkaUnavailableError extends KafkaAdapterError {
  constructor(message: string, cause?: unknown) {
    super('KAFKA_UNAVAILABLE', message, true, { cause });
  }
}

export interface EnvelopeIssueSummary {
  index: number;
  issues: { path: string; message: string }[];
}

/** A producer was asked to send envelopes that do not match their contract; nothing was sent. */
export class InvalidEnvelopeError extends KafkaAdapterError {
  constructor(
    readonly topic: string,
    readonly messageType: string,
    readonly invalid: EnvelopeIssueSummary[],
  ) {
    const first = invalid[0];
    const detail = first ? first.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ') : '';
    super(
      'INVALID_ENVELOPE',
      `${invalid.length} envelope(s) for ${topic} do not match ${messageType}: #${first?.index} ${detail}`,
      false,
    );
  }
}

/** The message type does not belong on the topic according to the topic registry. */
export class TopicMismatchError extends KafkaAdapterError {
  constructor(topic: string, messageType: string) {
    super('TOPIC_MESSAGE_MISMATCH', `topic ${topic} does not carry messages of type ${messageType}`, false);
  }
}
