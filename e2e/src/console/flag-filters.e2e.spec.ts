import { makeEnvelope } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, waitFor } from '@xp/kafka/testing';
import { ServiceProcess } from '@xp/platform/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres/testing';
import type { Browser, Page } from 'playwright-core';
import { api } from '../admin-api';
import { freePort } from '../test-platform';
import { launchChromium } from './browser';
import { startConsole } from './console-process';

/*
 * The flags page's tag and stale filters in a real headless Chromium, against a real config-service
 * (own topic prefix and database) and the console server. The stale flag's usage is a flag.usage message
 * produced to the topic with a last evaluation 10 days ago, as an assignment instance would have sent it.
 */

const run = Date.now().toString(36);
const prefix = `e2e-filters-${run}.`;
const tagged = `tagged-${run}`;
const untagged = `untagged-${run}`;
const forgotten = `forgotten-${run}`;
const DAY_MS = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let configService: ServiceProcess | undefined;
let consoleServer: ServiceProcess | undefined;
let configUrl = '';
let consoleUrl = '';
let browser: Browser;
let page: Page;

const flag = (key: string, tags: string[]) => ({
  key,
  description: `filters ${key}`,
  valueType: 'boolean',
  variants: [{ key: 'off', value: false }, { key: 'on', value: true }],
  offVariant: 'off',
  salt: `${key}-salt`,
  enabled: true,
  rules: [],
  tags,
});
const row = (key: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: key, exact: true }) });

beforeAll(async () => {
  try {
    db = await createTestDatabase('xp_e2e_filters');
    const port = await freePort();
    configUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', KAFKA_TOPIC_PREFIX: prefix, PORT: String(port), DATABASE_URL: db.url };
    delete env.API_KEYS;
    delete env.CONFIG_EVENTS_TOPIC;
    configService = new ServiceProcess('config-service', 'apps/config-service/src/main.ts', [], env);
    await configService.waitUntilReady(configUrl, 120_000);
    // The console only needs config-service here; the other services answer 503 unreachable.
    const unused = `http://127.0.0.1:${await freePort()}`;
    const started = await startConsole({ config: configUrl, assignment: unused, analysis: unused, deployment: unused });
    consoleServer = started.process;
    consoleUrl = started.url;

    await api(configUrl, '/v1/flags', { method: 'POST', body: flag(tagged, ['checkout', 'web']) });
    await api(configUrl, '/v1/flags', { method: 'POST', body: flag(untagged, []) });
    await api(configUrl, '/v1/flags', { method: 'POST', body: flag(forgotten, ['legacy']) });
    const producer = new ContractProducer(kafkaForTests('console-filters-test'));
    await producer.connect();
    const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString();
    const now = new Date().toISOString();
    const data = {
      source: `e2e-instance-${run}`,
      windowStart: tenDaysAgo,
      windowEnd: now,
      items: [
        { flagKey: forgotten, environment: 'production', evaluations: 3, lastEvaluatedAt: tenDaysAgo },
        { flagKey: tagged, environment: 'production', evaluations: 5, lastEvaluatedAt: now },
      ],
    };
    await producer.send(`${prefix}xp.flag-usage`, 'flag.usage', [{ key: data.source, envelope: makeEnvelope('flag.usage', data) }]);
    await producer.disconnect();
    await waitFor(
      'config-service to count the usage',
      async () => (await api<{ items: Array<{ flagKey: string }> }>(configUrl, '/v1/flag-usage?staleAfterDays=7')).items.some((i) => i.flagKey === forgotten),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  } catch (err) {
    await consoleServer?.stop();
    await configService?.stop();
    throw err;
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.stop();
  await configService?.stop();
  await db?.drop().catch(() => undefined);
}, 60_000);

describe('flags page filters in Chromium', () => {
  it('shows tags and last evaluated, and filters by tag', async () => {
    await page.goto(consoleUrl);
    await page.getByLabel('API key').fill('dev-reader-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Flags' }).waitFor();
    await row(tagged).waitFor();
    expect(await row(tagged).innerText()).toMatch(/checkout/);
    expect(await row(untagged).innerText()).toMatch(/never/);
    // The usage column fills in when GET /v1/flag-usage answers, after the rows appear: wait for its date.
    const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
    await row(forgotten).getByText(tenDaysAgo).waitFor();
    expect(await row(forgotten).innerText()).toContain(tenDaysAgo);

    await page.getByLabel('Tag').selectOption('checkout');
    await row(untagged).waitFor({ state: 'detached' });
    expect(await row(tagged).isVisible()).toBe(true);
    expect(await row(forgotten).count()).toBe(0);

    await page.getByLabel('Tag').selectOption('');
    await row(untagged).waitFor();
  });

  it('lists only the stale flags with "stale for 7 days"', async () => {
    await page.getByLabel('Stale for').selectOption('7');
    await row(tagged).waitFor({ state: 'detached' });
    await row(forgotten).waitFor();
    // Created just now and never evaluated: not stale yet.
    expect(await row(untagged).count()).toBe(0);
    expect(await page.locator('caption').innerText()).toBe('1 of 3 flags');

    await page.getByLabel('Stale for').selectOption('0');
    await row(tagged).waitFor();
  });
});
