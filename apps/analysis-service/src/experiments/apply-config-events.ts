import type { BatchConsumerLogger, BatchHandler } from '@xp/kafka';
import type { ExperimentCatalogue } from './experiment-catalogue';

/** The follower's handler for the catalogue: applying is idempotent per (streamId, version), so a replay is harmless. */
export function applyConfigEvents(catalogue: ExperimentCatalogue, logger?: Pick<BatchConsumerLogger, 'warn'>): BatchHandler<'config.event'> {
  return async (records) => {
    for (const record of records) {
      const outcome = catalogue.apply(record.envelope.data, new Date(record.envelope.occurredAt));
      if (outcome === 'invalid') logger?.warn({ streamId: record.envelope.data.streamId, offset: record.offset }, 'config event state failed its schema; skipped');
    }
  };
}
