export * from './create-kafka';
export * from './check-kafka';
export * from './kafka-errors';
export * from './classify-kafka-error';
export * from './contract-producer';
export * from './ensure-topics';
export * from './decode-batch';
export * from './dead-letter';

export * from './run-batch-consumer';
export * from './offset-barrier';
export * from './follow-topic';
export * from './ensure-registry-topics';
