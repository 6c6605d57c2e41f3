/** Injection tokens of the engine clients (built once by the shared connections module). */
export { KAFKA, POSTGRES } from '@xp/platform';
