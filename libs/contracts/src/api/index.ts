export * from './evaluate.schema';
export * from './ingest.schema';
export * from './ruleset-snapshot.schema';
export * from './config-file.schema';
export * from './webhook.schema';
