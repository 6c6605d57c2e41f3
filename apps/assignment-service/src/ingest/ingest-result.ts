import type { IngestResult, RejectedItem } from '@xp/contracts';
import { InvalidInputError } from '@xp/platform';

/** 202 when every item was accepted, 207 when some were rejected (the valid ones are published). */
export function ingestStatus(result: IngestResult): 202 | 207 {
  return result.rejected.length === 0 ? 202 : 207;
}

/** Nothing valid to publish: a 400 that still lists every item's problems (`noValidItemsDetailsSchema`). */
export function noValidItems(kind: string, rejected: RejectedItem[]): InvalidInputError {
  return new InvalidInputError(`no_valid_${kind}`, `None of the ${rejected.length} ${kind} is valid`, {
    details: { accepted: 0, rejected },
  });
}
