import { createHash } from 'node:crypto';
import { makeEnvelope, type RolloutDecisionData } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { readDecisionIds } from './read-decision-ids';

/** A UUID derived from the decision id, so that a re-sent decision also has the same envelope id. */
export function envelopeIdOf(decisionId: string): string {
  const hex = createHash('sha256').update(`rollout.decision:${decisionId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Publishes each decision id at most once per topic: the ids already on the topic are read back
 * at start and remembered. A crash between send and remembering can re-send one decision after a
 * restart's read-back missed nothing; consumers drop repeats by decisionId too.
 */
export class DecisionPublisher {
  private readonly producer: ContractProducer;
  private emitted = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {
    this.producer = new ContractProducer(kafka);
  }

  async start(): Promise<void> {
    await this.producer.connect();
    this.emitted = await readDecisionIds(this.kafka, this.topic);
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }

  hasEmitted(decisionId: string): boolean {
    return this.emitted.has(decisionId);
  }

  /** False when this decision was already published. */
  async publish(decision: RolloutDecisionData, occurredAt: Date): Promise<boolean> {
    if (this.emitted.has(decision.decisionId)) return false;
    const envelope = makeEnvelope('rollout.decision', decision, { id: envelopeIdOf(decision.decisionId), occurredAt });
    await this.producer.send(this.topic, 'rollout.decision', [{ key: decision.experimentKey, envelope }]);
    this.emitted.add(decision.decisionId);
    return true;
  }
}
