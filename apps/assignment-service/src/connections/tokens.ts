/** Injection token of the Kafka client, built once in ConnectionsModule. */
export const KAFKA = Symbol('KAFKA');
