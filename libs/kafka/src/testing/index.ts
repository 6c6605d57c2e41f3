export * from './kafka-for-tests';
export * from './unique-topic';
export * from './read-topic';
export * from './wait-for';
export * from './tcp-gate';
export * from './committed-offset';
