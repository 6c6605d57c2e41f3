import 'reflect-metadata';
import { ExperimentSchema, FlagSchema, makeEnvelope, SegmentSchema, type ConfigEventData } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig } from '@xp/platform';
import { AppModule } from '../../../apps/assignment-service/src/app.module';
import { makeRuleset } from '../evaluation/workload';
import { makeExposureRuleset } from './exposure-workload';

/**
 * Child process of the HTTP bench: boots assignment-service on its own config topic (real Kafka),
 * feeds it the 50-flag bench workload as config events (BENCH_RULESET=exposures: plus running experiments,
 * `exposure-workload.ts`), waits until it serves that ruleset and prints `{"url": ...}` on stdout. Stops on SIGTERM.
 */
const BENCH_SDK_KEY = 'bench-sdk-key';

async function main(): Promise<void> {
  const topics = { configEvents: uniqueTopic('bench-config'), exposures: uniqueTopic('bench-exposures'), events: uniqueTopic('bench-events') };
  const config = loadConfig('assignment-service', {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    API_KEYS: `admin:bench-admin-key,sdk:${BENCH_SDK_KEY}`,
  });
  const service = await bootstrapService(AppModule.forRoot(config, { topics }), config);
  const ruleset = process.env.BENCH_RULESET === 'exposures' ? makeExposureRuleset() : makeRuleset();
  let position = 0;
  const event = (streamType: ConfigEventData['streamType'], key: string, eventType: string, state: unknown) => {
    const data: ConfigEventData = { streamId: `${streamType}:${key}`, streamType, version: 1, position: ++position, eventType, payload: { state } };
    return { key: data.streamId, envelope: makeEnvelope('config.event', data) };
  };
  const producer = new ContractProducer(kafkaForTests('bench-evaluate-http'));
  await producer.connect();
  await waitFor('the config topic', async () => (await fetch(`${service.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
  await producer.send(topics.configEvents, 'config.event', [
    ...ruleset.segments.map((s) => event('segment', s.key, 'SegmentCreated', SegmentSchema.parse(s))),
    ...ruleset.flags.map((f) => event('flag', f.key, 'FlagCreated', FlagSchema.parse(f))),
    ...ruleset.experiments.map((e) => event('experiment', e.key, 'ExperimentStarted', ExperimentSchema.parse(e))),
  ]);
  await producer.disconnect();
  await waitFor('the bench ruleset', async () => {
    const res = await fetch(`${service.url}/v1/ruleset`, { headers: { authorization: `Bearer ${BENCH_SDK_KEY}` } });
    return res.ok && ((await res.json()) as { version: number }).version === position;
  }, { timeoutMs: 30_000 });
  process.stdout.write(`${JSON.stringify({ url: service.url })}\n`);
  process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
