export * from './create-kafka';
export * from './check-kafka';
export * from './kafka-errors';
