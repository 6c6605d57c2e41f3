/** Injection tokens of the engine clients, built once in ConnectionsModule. */
export const CLICKHOUSE = Symbol('CLICKHOUSE');
export const KAFKA = Symbol('KAFKA');
