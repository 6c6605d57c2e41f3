import { RulesetSchema } from '@xp/contracts';
import { createMetricsRegistry, UnavailableError } from '@xp/platform';
import type { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { resolveAssignmentOptions } from '../options/assignment-options';
import type { ConfigEventsService } from '../ruleset/config-events.service';
import { inProduction, RulesetStore } from '../ruleset/ruleset-store';
import type { FlagUsageService } from '../usage/flag-usage.service';
import { ExposuresIngestService } from './exposures-ingest.service';

// Only the paths that end before anything is published: the Kafka side is covered on the real broker.
const refusingKafka = { send: () => Promise.reject(new Error('must not publish')) } as unknown as KafkaPublisher;

function service(options: { ready: boolean; caughtUp: boolean }) {
  const metrics = new AssignmentMetrics(createMetricsRegistry('assignment-service'));
  const store = new RulesetStore(metrics);
  if (options.ready) store.markReady(() => inProduction(RulesetSchema.parse({ version: 3, flags: [], segments: [], experiments: [], holdouts: [] })));
  const catchUps: number[] = [];
  const follower = { catchUp: async (timeoutMs: number) => (catchUps.push(timeoutMs), options.caughtUp) } as unknown as ConfigEventsService;
  const ingest = new ExposuresIngestService(resolveAssignmentOptions({ exposureCatchUpTimeoutMs: 1234 }), refusingKafka, metrics, store, follower, { record: () => undefined } as unknown as FlagUsageService);
  return { ingest, catchUps };
}

const body = { exposures: [{ unit: 'u', experimentKey: 'created-elsewhere', flagKey: 'f', variant: 'on' }] };

describe('ExposuresIngestService against the ruleset', () => {
  it('answers 503 ruleset_catching_up, storing nothing, when the replica cannot catch up with the config topic in time', async () => {
    const { ingest, catchUps } = service({ ready: true, caughtUp: false });
    await expect(ingest.ingest(body)).rejects.toMatchObject({ code: 'ruleset_catching_up', retriable: true });
    expect(catchUps).toEqual([1234]);
  });

  it('refuses an experiment still unknown once the replica applied everything on the topic', async () => {
    const { ingest, catchUps } = service({ ready: true, caughtUp: true });
    await expect(ingest.ingest(body)).rejects.toMatchObject({
      code: 'no_valid_exposures',
      details: { rejected: [{ index: 0, errors: [{ path: 'experimentKey', message: "unknown experiment 'created-elsewhere' (ruleset version 3)" }] }] },
    });
    expect(catchUps).toHaveLength(1);
  });

  it('answers 503 ruleset_not_ready before the replay caught up', async () => {
    const { ingest } = service({ ready: false, caughtUp: false });
    await expect(ingest.ingest(body)).rejects.toBeInstanceOf(UnavailableError);
    await expect(ingest.ingest(body)).rejects.toMatchObject({ code: 'ruleset_not_ready' });
  });
});
