import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GrowthBookClient } from '@growthbook/growthbook';
import { uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import UnleashClient from 'unleash-client/lib/client';
import { defaultStrategies } from 'unleash-client/lib/strategy';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the acceptance test boots the real services in-process
import { AppModule as AssignmentModule } from '../../../../apps/assignment-service/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the acceptance test boots the real services in-process
import { ADMIN_KEY, type ConfigServiceHarness, startConfigService } from '../../../../apps/config-service/src/testing/config-service-harness';
import { runImport } from './import-command';
import { peerContext } from './testing/peer-contexts';

const SDK_KEY = 'import-sdk-key';
const CONTEXTS = 300;
const fixture = (name: string) => join(__dirname, 'testing', name);
const UNLEASH_FLAGS = ['new-checkout', 'checkout-button', 'pricing', 'office-only', 'session-sticky', 'constraint-mix', 'gradual-legacy', 'child-feature', 'child-of-blue', 'not-in-checkout', 'killed'];
const GROWTHBOOK_FLAGS = ['dark-mode', 'button-color', 'pricing-v1', 'beta-banner', 'version-gate', 'tag-rules'];

describe('xp import --apply through config-service, evaluated by assignment-service (real PostgreSQL and Kafka)', () => {
  const topics = { configEvents: uniqueTopic('import-config'), exposures: uniqueTopic('import-exposures'), events: uniqueTopic('import-events') };
  let config: ConfigServiceHarness;
  let assignment: RunningService;
  const previousTopic = process.env.CONFIG_EVENTS_TOPIC;

  async function importFile(peer: string, file: string): Promise<{ code: number; output: string }> {
    let output = '';
    const code = await runImport([peer, fixture(file), '--apply'], { env: { XP_API_KEY: ADMIN_KEY, CONFIG_SERVICE_URL: config.url }, out: (t) => (output += t) });
    return { code, output };
  }

  async function evaluate(unit: string, attributes: Record<string, unknown>, flags: string[]) {
    const res = await fetch(`${assignment.url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SDK_KEY}` },
      body: JSON.stringify({ unit, attributes, flags }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: Record<string, { variant: string | null; value: unknown; reason: string }> }).results;
  }

  async function allArrived(flags: string[]): Promise<boolean> {
    const results = await evaluate('probe', {}, flags);
    return flags.every((f) => results[f].reason !== 'ERROR');
  }

  beforeAll(async () => {
    process.env.CONFIG_EVENTS_TOPIC = topics.configEvents;
    config = await startConfigService();
    const assignmentConfig = loadConfig('assignment-service', { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', API_KEYS: `sdk:${SDK_KEY}` });
    assignment = await bootstrapService(AssignmentModule.forRoot(assignmentConfig, { topics }), assignmentConfig);
    await waitFor('assignment-service readiness', async () => (await fetch(`${assignment.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
  });

  afterAll(async () => {
    await assignment?.close();
    await config?.close();
    if (previousTopic === undefined) delete process.env.CONFIG_EVENTS_TOPIC;
    else process.env.CONFIG_EVENTS_TOPIC = previousTopic;
  });

  it('creates the Unleash features in config-service and assignment-service then answers as unleash-client', async () => {
    const { code, output } = await importFile('unleash', 'unleash-features.json');
    expect(output).toMatch(/Applied: 19 created, 0 already existed/);
    expect(code).toBe(0);
    await waitFor('the imported flags in assignment-service', () => allArrived(UNLEASH_FLAGS), { timeoutMs: 30_000 });

    const document = JSON.parse(readFileSync(fixture('unleash-features.json'), 'utf8'));
    const features = new Map<string, { variants?: unknown[]; strategies: { variants?: unknown[] }[] }>(document.features.map((f: { name: string }) => [f.name, f]));
    const segments = new Map<number, unknown>(document.segments.map((s: { id: number }) => [s.id, s]));
    const unleash = new UnleashClient({ getToggle: (n: string) => features.get(n), getSegment: (id: number) => segments.get(id) } as never, defaultStrategies);
    const differences: string[] = [];
    for (let i = 0; i < CONTEXTS; i++) {
      const { unit, strings } = peerContext(i);
      const { sessionId, remoteAddress, currentTime, ...properties } = strings;
      const context = { userId: unit, sessionId, remoteAddress, currentTime, properties } as never;
      const results = await evaluate(unit, { ...strings, userId: unit }, UNLEASH_FLAGS);
      for (const name of UNLEASH_FLAGS) {
        const feature = features.get(name);
        const named = (feature?.variants?.length ?? 0) > 0 || feature?.strategies.some((s) => (s.variants?.length ?? 0) > 0);
        const theirs = named ? unleash.getVariant(name, context).name : unleash.isEnabled(name, context, () => false) ? 'on' : 'off';
        if (results[name].variant !== theirs) differences.push(`${name} ${unit}: service ${results[name].variant}, unleash ${theirs}`);
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('leaves what already exists as it is on a second apply and says so', async () => {
    const { code, output } = await importFile('unleash', 'unleash-features.json');
    expect(output).toMatch(/Applied: 0 created, 19 already existed/);
    expect(code).toBe(0);
  });

  it('creates the GrowthBook features and assignment-service serves GrowthBook\'s values', async () => {
    const { code, output } = await importFile('growthbook', 'growthbook-features.json');
    expect(output).toMatch(/Applied: 12 created, 0 already existed/);
    expect(code).toBe(0);
    await waitFor('the imported flags in assignment-service', () => allArrived(GROWTHBOOK_FLAGS), { timeoutMs: 30_000 });
    const payload = JSON.parse(readFileSync(fixture('growthbook-features.json'), 'utf8'));
    const growthbook = new GrowthBookClient();
    growthbook.initSync({ payload });
    const differences: string[] = [];
    for (let i = 0; i < CONTEXTS; i++) {
      const { unit, strings, tags } = peerContext(i);
      const attributes = { ...strings, id: unit, tags, age: Number(strings.age) };
      const results = await evaluate(unit, attributes, GROWTHBOOK_FLAGS);
      for (const key of GROWTHBOOK_FLAGS) {
        const theirs = growthbook.evalFeature(key, { attributes }).value;
        if (JSON.stringify(results[key].value) !== JSON.stringify(theirs)) differences.push(`${key} ${unit}: service ${JSON.stringify(results[key].value)}, growthbook ${JSON.stringify(theirs)}`);
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
