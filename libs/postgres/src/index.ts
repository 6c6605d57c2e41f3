export * from './check-postgres';
export * from './create-data-source';
export * from './open-postgres';
export * from './postgres-errors';
export * from './run-migrations';
// Test helpers are also reachable here until tsconfig.base.json maps @xp/postgres/testing.
export * from './testing';
