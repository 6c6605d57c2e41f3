export * from './evaluate.schema';
export * from './ingest.schema';
export * from './ruleset-snapshot.schema';
