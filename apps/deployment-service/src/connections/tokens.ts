/** Injection tokens of the engine clients, built once in ConnectionsModule. */
export const POSTGRES = Symbol('POSTGRES');
export const KAFKA = Symbol('KAFKA');
