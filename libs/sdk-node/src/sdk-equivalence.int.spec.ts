import { OpenFeature } from '@openfeature/server-sdk';
import { ExperimentSchema, FlagSchema, makeEnvelope, SegmentSchema, type ConfigEventData } from '@xp/contracts';
import { ContractProducer, ensureTopics } from '@xp/kafka';
import { kafkaForTests, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the acceptance test boots the real service in-process
import { AppModule } from '../../../apps/assignment-service/src/app.module';
import { equivalenceAttributes, equivalenceExperiments, equivalenceFlags, equivalenceSegments } from './testing/equivalence-fixture';
import { EvaluateResponse, FlagResult } from './sdk-types';
import { createXpClient, XpClient } from './xp-client';
import { XpProvider } from './xp-provider';

const SDK_KEY = 'equivalence-sdk-key';
const UNITS = 10_000;
const FLAGS = [...equivalenceFlags.map((f) => f.key), 'no-such-flag'];
const DEFAULTS = { boolean: false, string: 'default', number: -1, json: { fallback: true } } as const;

describe('SDK and OpenFeature provider against POST /v1/evaluate (real assignment-service and Kafka)', () => {
  const kafka = kafkaForTests('sdk-equivalence');
  const topics = { configEvents: uniqueTopic('sdk-config'), exposures: uniqueTopic('sdk-exposures'), events: uniqueTopic('sdk-events') };
  const producer = new ContractProducer(kafka);
  let position = 0;
  const versions = new Map<string, number>();
  let service: RunningService;
  let client: XpClient;

  function configEvent(streamType: ConfigEventData['streamType'], key: string, eventType: string, state: unknown) {
    const streamId = `${streamType}:${key}`;
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const data: ConfigEventData = { streamId, streamType, version, position: ++position, eventType, payload: { state } };
    return { key: streamId, envelope: makeEnvelope('config.event', data) };
  }

  async function serviceEvaluate(unit: string, attributes: Record<string, unknown>): Promise<EvaluateResponse> {
    const res = await fetch(`${service.url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SDK_KEY}` },
      body: JSON.stringify({ unit, attributes, flags: FLAGS }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as EvaluateResponse;
  }

  /** Evaluates units [from, to) through all three paths, `concurrency` HTTP calls at a time; returns the differences. */
  async function compareUnits(from: number, to: number): Promise<{ compared: number; differences: string[] }> {
    const ofClient = OpenFeature.getClient('sdk-equivalence');
    const differences: string[] = [];
    let compared = 0;
    let next = from;
    const worker = async () => {
      while (next < to) {
        const i = next++;
        const unit = `unit-${i}`;
        const attributes = equivalenceAttributes(i);
        const expected = await serviceEvaluate(unit, attributes);
        const local = client.evaluate(unit, attributes, FLAGS);
        if (JSON.stringify(sorted(local)) !== JSON.stringify(sorted(expected))) {
          differences.push(`client ${unit}: ${JSON.stringify(local)} vs ${JSON.stringify(expected)}`);
        }
        for (const flag of equivalenceFlags) {
          const details = await resolveWithProvider(ofClient, flag.key, flag.valueType, { targetingKey: unit, ...attributes });
          const problem = providerDifference(details, expected.results[flag.key], DEFAULTS[flag.valueType]);
          if (problem) differences.push(`provider ${unit} ${flag.key}: ${problem}`);
        }
        compared++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return { compared, differences };
  }

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { name: topics.configEvents, partitions: 1 },
      { name: topics.exposures, partitions: 6 },
      { name: topics.events, partitions: 6 },
    ]);
    await producer.connect();
    await producer.send(topics.configEvents, 'config.event', [
      ...equivalenceSegments.map((s) => configEvent('segment', s.key, 'SegmentCreated', SegmentSchema.parse(s))),
      ...equivalenceFlags.map((f) => configEvent('flag', f.key, 'FlagCreated', FlagSchema.parse(f))),
      ...equivalenceExperiments.map((e) => configEvent('experiment', e.key, 'ExperimentCreated', ExperimentSchema.parse(e))),
    ]);
    const config = loadConfig('assignment-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_KEYS: `admin:equivalence-admin-key,sdk:${SDK_KEY}`,
    });
    service = await bootstrapService(AppModule.forRoot(config, { topics }), config);
    await waitFor('assignment-service readiness', async () => (await fetch(`${service.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
    client = createXpClient({ baseUrl: service.url, sdkKey: SDK_KEY });
    await client.ready(30_000);
    await OpenFeature.setProviderAndWait('sdk-equivalence', new XpProvider(client));
  });

  afterAll(async () => {
    await OpenFeature.clearProviders();
    await client?.close();
    await service?.close();
    await producer.disconnect();
  });

  it(`gives the same variant, value, reason, error code and experiment as /v1/evaluate for ${UNITS.toLocaleString('en-US')} units`, async () => {
    expect(client.rulesetVersion).toBe(position);
    const { compared, differences } = await compareUnits(0, UNITS);
    expect(differences.slice(0, 5)).toEqual([]);
    expect(differences).toHaveLength(0);
    expect(compared).toBe(UNITS);
  }, 300_000); // 10,000 HTTP round trips plus 80,000 provider resolutions on a shared 2-core machine

  it('follows a config change through the stream and still agrees with the service afterwards', async () => {
    const banner = FlagSchema.parse({ ...equivalenceFlags[0], enabled: false });
    await producer.send(topics.configEvents, 'config.event', [configEvent('flag', 'banner', 'FlagKillSwitchChanged', banner)]);
    await waitFor('the SDK to receive the new ruleset', () => client.rulesetVersion === position, { timeoutMs: 10_000 });
    expect(client.evaluate('unit-7', {}, ['banner']).results.banner).toEqual({ variant: 'off', value: false, reason: 'DISABLED' });
    const { compared, differences } = await compareUnits(UNITS, UNITS + 500);
    expect(differences).toEqual([]);
    expect(compared).toBe(500);
  });
});

function sorted(response: EvaluateResponse): EvaluateResponse {
  return { rulesetVersion: response.rulesetVersion, results: Object.fromEntries(Object.entries(response.results).sort(([a], [b]) => a.localeCompare(b))) };
}

type OfClient = ReturnType<typeof OpenFeature.getClient>;
type ValueType = (typeof equivalenceFlags)[number]['valueType'];

async function resolveWithProvider(ofClient: OfClient, key: string, type: ValueType, context: Record<string, unknown>) {
  const ctx = context as Parameters<OfClient['getBooleanDetails']>[2];
  if (type === 'boolean') return ofClient.getBooleanDetails(key, DEFAULTS.boolean, ctx);
  if (type === 'string') return ofClient.getStringDetails(key, DEFAULTS.string, ctx);
  if (type === 'number') return ofClient.getNumberDetails(key, DEFAULTS.number, ctx);
  return ofClient.getObjectDetails(key, DEFAULTS.json, ctx);
}

/** OpenFeature semantics: on ERROR the caller's default is returned with the error code. */
function providerDifference(details: Awaited<ReturnType<typeof resolveWithProvider>>, expected: FlagResult, fallback: unknown): string | null {
  const actual =
    expected.reason === 'ERROR'
      ? { value: details.value, reason: details.reason, errorCode: details.errorCode }
      : { value: details.value, variant: details.variant, reason: details.reason, experimentKey: details.flagMetadata.experimentKey };
  const wanted =
    expected.reason === 'ERROR'
      ? { value: fallback, reason: 'ERROR', errorCode: expected.errorCode }
      : { value: expected.value, variant: expected.variant ?? undefined, reason: expected.reason, experimentKey: expected.experiment?.key };
  return JSON.stringify(actual) === JSON.stringify(wanted) ? null : `${JSON.stringify(actual)} vs ${JSON.stringify(wanted)}`;
}
