export * from './check-postgres';
export * from './create-data-source';
export * from './open-postgres';
export * from './run-migrations';
