import { randomUUID } from 'node:crypto';
import { ExperimentSchema, FlagSchema, makeEnvelope, RulesetSchema, type ConfigEventData } from '@xp/contracts';
import { ContractProducer, ensureTopics } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the acceptance test boots the real service in-process
import { AppModule } from '../../../apps/assignment-service/src/app.module';
import { systemClock } from './clock';
import { silentLogger } from './logger';
import { RejectedItemReport } from './sdk-types';
import { sampleRuleset } from './testing/sample-ruleset';
import { createXpClient, XpClient } from './xp-client';

const SDK_KEY = 'rejected-items-sdk-key';
const DAY_MS = 86_400_000;

describe('SDK against the real assignment-service: items the service refuses are reported, the valid ones stored', () => {
  const kafka = kafkaForTests('sdk-rejected-items');
  const topics = { configEvents: uniqueTopic('sdk-rej-config'), exposures: uniqueTopic('sdk-rej-exposures'), events: uniqueTopic('sdk-rej-events') };
  const producer = new ContractProducer(kafka);
  const clients: XpClient[] = [];
  let service: RunningService;

  function client(options: { now?: () => number } = {}) {
    const reports: RejectedItemReport[] = [];
    const warnings: Array<{ message: string; details?: Record<string, unknown> }> = [];
    const logger = { ...silentLogger, warn: (message: string, details?: Record<string, unknown>) => void warnings.push({ message, details }) };
    const clock = options.now ? { ...systemClock, now: options.now } : systemClock;
    const xp = createXpClient({ baseUrl: service.url, sdkKey: SDK_KEY, clock, logger, onRejected: (r) => void reports.push(r), flushIntervalMs: 60_000 });
    clients.push(xp);
    return { xp, reports, warnings };
  }

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { name: topics.configEvents, partitions: 1 },
      { name: topics.exposures, partitions: 3 },
      { name: topics.events, partitions: 3 },
    ]);
    const ruleset = RulesetSchema.parse(sampleRuleset());
    await producer.connect();
    let position = 0;
    const event = (streamType: ConfigEventData['streamType'], key: string, state: unknown) => {
      const data: ConfigEventData = { streamId: `${streamType}:${key}`, streamType, version: 1, position: ++position, eventType: 'Created', payload: { state } };
      return { key: data.streamId, envelope: makeEnvelope('config.event', data) };
    };
    await producer.send(topics.configEvents, 'config.event', [
      ...ruleset.flags.map((f) => event('flag', f.key, FlagSchema.parse(f))),
      ...ruleset.experiments.map((e) => event('experiment', e.key, ExperimentSchema.parse(e))),
    ]);
    const config = loadConfig('assignment-service', {
      ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', API_KEYS: `sdk:${SDK_KEY}`,
    });
    service = await bootstrapService(AppModule.forRoot(config, { topics }), config);
    await waitFor('assignment-service readiness', async () => (await fetch(`${service.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await service?.close();
    await producer.disconnect();
  });

  it('reports each event a 207 lists as rejected with its reason (one warn line), and the valid events reach Kafka', async () => {
    const { xp, reports, warnings } = client();
    const valid = [randomUUID(), randomUUID(), randomUUID()];
    const tooOld = randomUUID();
    const tooFarAhead = randomUUID();
    xp.track({ unit: 'u-1', event: 'purchase', value: 10, id: valid[0] });
    xp.track({ unit: 'u-2', event: 'purchase', timestamp: new Date(Date.now() - 30 * DAY_MS).toISOString(), id: tooOld });
    xp.track({ unit: 'u-3', event: 'signup', id: valid[1] });
    xp.track({ unit: 'u-4', event: 'signup', timestamp: Date.now() + DAY_MS, id: tooFarAhead });
    xp.track({ unit: 'u-5', event: 'purchase', value: 3, properties: { plan: 'pro' }, id: valid[2] });
    await xp.flush();

    expect(reports.map((r) => [r.endpoint, r.by, (r.item as { id: string }).id, r.errors.map((e) => e.path)])).toEqual([
      ['events', 'server', tooOld, ['timestamp']],
      ['events', 'server', tooFarAhead, ['timestamp']],
    ]);
    expect(reports[0].errors[0].message).toMatch(/older than 8 days/);
    expect(reports[1].errors[0].message).toMatch(/ahead of the server's clock/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toBe('assignment-service rejected 2 of 5 events; they are not stored');
    expect(warnings[0].details?.rejected).toEqual([
      { index: 1, id: tooOld, reasons: expect.stringMatching(/^timestamp: .* is older than 8 days$/) },
      { index: 3, id: tooFarAhead, reasons: expect.stringMatching(/^timestamp: .* ahead of the server's clock$/) },
    ]);
    expect(xp.stats().events).toMatchObject({ sent: 3, rejected: 2, failed: 0, buffered: 0 });

    const stored = await readTopic(kafka, topics.events, { count: 3, timeoutMs: 20_000 });
    const ids = stored.map((r) => (JSON.parse(r.value ?? '{}') as { id: string }).id);
    expect(ids.sort()).toEqual([...valid].sort());
  });

  it('reports every exposure of a batch the service refuses whole (400 no_valid_exposures), here from a client whose clock is 30 days behind', async () => {
    const { xp, reports } = client({ now: () => Date.now() - 30 * DAY_MS });
    await xp.ready(30_000);
    for (const unit of ['u-10', 'u-11', 'u-12']) expect(xp.evaluate(unit, {}, ['checkout']).results.checkout.experiment?.inExperiment).toBe(true);
    await xp.flush();

    expect(reports).toHaveLength(3);
    expect(reports.map((r) => [r.endpoint, r.by, (r.item as { unit: string }).unit, r.errors.map((e) => e.path)])).toEqual([
      ['exposures', 'server', 'u-10', ['timestamp']],
      ['exposures', 'server', 'u-11', ['timestamp']],
      ['exposures', 'server', 'u-12', ['timestamp']],
    ]);
    expect(xp.stats().exposures).toMatchObject({ sent: 0, rejected: 3, failed: 0 });
  });
});
