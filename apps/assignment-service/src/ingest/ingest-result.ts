import { InvalidInputError } from '@xp/platform';
import type { RejectedItem } from './validate-items';

/** Body of 202 (rejected empty) and 207 (some rejected) answers of the ingest endpoints. */
export interface IngestResult {
  accepted: number;
  rejected: RejectedItem[];
  /** Indexes of items whose id an earlier item of the same batch already had: accepted, published once. */
  duplicates?: number[];
}

export const MAX_ITEMS_PER_BATCH = 1000;

/** 202 when every item was accepted, 207 when some were rejected (the valid ones are published). */
export function ingestStatus(result: IngestResult): 202 | 207 {
  return result.rejected.length === 0 ? 202 : 207;
}

/** Nothing valid to publish: a 400 that still lists every item's problems. */
export function noValidItems(kind: string, rejected: RejectedItem[]): InvalidInputError {
  return new InvalidInputError(`no_valid_${kind}`, `None of the ${rejected.length} ${kind} is valid`, {
    details: { accepted: 0, rejected },
  });
}
