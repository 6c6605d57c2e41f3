import { z } from 'zod';
import { MAX_ITEMS_PER_BATCH } from './ingest-result';

/** The outer shape of an ingest body: `{ [field]: [...] }` with 1..1000 items, each validated later on its own. */
export function batchBodySchema<F extends string>(field: F) {
  return z.object({ [field]: z.array(z.unknown()).min(1).max(MAX_ITEMS_PER_BATCH) } as Record<F, z.ZodArray<z.ZodUnknown>>);
}
