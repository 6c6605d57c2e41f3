/**
 * True when `positions` (ascending) follow `checkpoint` without a hole. A hole is either a
 * rolled-back append (permanent) or an append still in flight that will commit later; the
 * relay must tell them apart before publishing past it.
 */
export function isContiguous(checkpoint: number, positions: readonly number[]): boolean {
  return positions.every((position, index) => position === checkpoint + index + 1);
}
