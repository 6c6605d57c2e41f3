import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@xp/kafka/testing';
import type { Browser, Page } from 'playwright-core';
import { api } from '../admin-api';
import { repoRoot, ServiceProcess } from '@xp/platform/testing';
import { TestPlatform } from '../test-platform';
import { launchChromium, loadTimings, seriousAccessibilityViolations } from './browser';
import { startConsole } from './console-process';

/*
 * The web console in a real headless Chromium against the four real services (own topics, databases
 * and ClickHouse directory) and the console server, as a user would: sign in, make a flag (a bad JSON
 * value first), create and start an experiment, send the demo's traffic, watch the results and the
 * rollout, roll back, and look again with a reader key. axe-core checks every page it visits.
 */

const platform = new TestPlatform();
const run = Date.now().toString(36);
const experimentKey = `console-${run}`;
const flagKey = `${experimentKey}-flag`;
const purchaseMetric = `console-purchase-${run}`;
const latencyMetric = `console-latency-${run}`;
const images = join(repoRoot, 'docs', 'images');
const timings: Record<string, unknown> = {};

let consoleServer: ServiceProcess | undefined;
let traffic: ServiceProcess | undefined;
let consoleUrl = '';
let browser: Browser;
let page: Page;
const checkedPages: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  checkedPages.push(name);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

async function signIn(key: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('role').waitFor();
}

/** Clicks `label`, then the dialog's confirm button. */
async function confirm(label: string, confirmLabel = 'Confirm'): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const text = (selector: string) => page.locator(selector).first().innerText();

beforeAll(async () => {
  try {
    await platform.start({ analysisIntervalMs: 1500, readyTimeoutMs: 150_000 });
    const started = await startConsole(platform.urls);
    consoleServer = started.process;
    consoleUrl = started.url;
    // The guardrail metric comes from the API; the primary one is made on the metrics page below.
    await api(platform.urls.config, '/v1/metrics', {
      method: 'POST',
      body: { key: latencyMetric, eventName: 'page_latency', kind: 'ratio', valueProperty: 'value', denominator: { eventName: 'page_latency' }, direction: 'decrease' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  } catch (err) {
    await consoleServer?.stop();
    await platform.stop();
    throw err;
  }
}, 300_000);

afterAll(async () => {
  await traffic?.stop();
  await browser?.close();
  await consoleServer?.stop();
  await platform.stop();
  mkdirSync(join(repoRoot, '.local'), { recursive: true });
  writeFileSync(join(repoRoot, '.local', 'console-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
}, 60_000);

describe('web console in Chromium', () => {
  it('signs in with an admin key (the sign-in page passes axe)', async () => {
    await page.goto(consoleUrl);
    timings.firstPage = await loadTimings(page);
    await expectAccessible('sign-in');
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Unknown API key').waitFor();
    await signIn('dev-admin-key');
    expect(await page.getByTestId('role').innerText()).toBe('admin');
    await page.getByRole('heading', { name: 'Flags' }).waitFor();
    await expectAccessible('flags');
    // The first page a signed-in user sees, loaded afresh until its table is drawn.
    const opened = Date.now();
    await page.reload();
    await page.getByRole('table').waitFor();
    timings.flagsPage = { ...(await loadTimings(page)), tableDrawnMs: Date.now() - opened };
  });

  it('shows the API field error next to a bad JSON variant value, creates the flag once fixed, and flips its kill switch', async () => {
    const key = `console-number-${run}`;
    await page.getByRole('button', { name: 'New flag' }).click();
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel('Value type').selectOption('number');
    await page.getByLabel('Variant 1 key').fill('slow');
    await page.getByLabel('Variant 1 value').fill('1');
    await page.getByLabel('Variant 2 key').fill('fast');
    await page.getByLabel('Variant 2 value').fill('{not json');
    await page.getByLabel('Off variant (served when off, or no rule matches)').fill('slow');
    await page.getByRole('button', { name: 'Create flag' }).click();
    expect(await page.locator('#variant-1-value-error').innerText()).toMatch(/not valid JSON/);

    await page.getByLabel('Variant 2 value').fill('"fast"');
    await page.getByRole('button', { name: 'Create flag' }).click();
    await page.locator('#variant-1-value-error').getByText('must be a number').waitFor();
    expect(await page.getByLabel('Variant 2 value').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible('flag form with errors');

    await page.getByLabel('Variant 2 value').fill('2');
    await page.getByRole('button', { name: 'Create flag' }).click();
    await page.waitForURL(`**/flags/${key}`);
    await page.getByRole('heading', { name: new RegExp(key) }).getByText('off (killed)').waitFor();
    expect(await api(platform.urls.config, `/v1/flags/${key}`)).toMatchObject({ valueType: 'number', variants: [{ key: 'slow', value: 1 }, { key: 'fast', value: 2 }] });

    await confirm('Turn on');
    await page.getByRole('heading', { name: new RegExp(key) }).getByText('on', { exact: true }).waitFor();
    expect(await api(platform.urls.config, `/v1/flags/${key}`)).toMatchObject({ enabled: true });
    await page.locator('table.diff').getByText('enabled').waitFor();
    await expectAccessible('flag page');
  });

  it('creates a metric on the metrics page and lists where metrics are used', async () => {
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('button', { name: 'New metric' }).click();
    await page.getByLabel('New metric (JSON)').fill(JSON.stringify({ key: purchaseMetric, eventName: 'purchase', kind: 'binomial', description: 'Checkout conversion' }));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('cell', { name: new RegExp(`^${purchaseMetric}`) }).waitFor();
    await expectAccessible('metrics');
  });

  it('creates the flag, experiment, policy and deployment in one flow and starts it', async () => {
    await page.getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('link', { name: 'New experiment' }).click();
    await page.getByLabel('Experiment key').fill(experimentKey);
    await page.getByLabel('Hypothesis').fill('The new checkout converts better without slowing the page');
    await page.getByLabel('Control value (version)').fill('checkout-v1');
    await page.getByLabel('Treatment value (version)').fill('checkout-v2');
    await page.getByLabel('Primary metric').selectOption(purchaseMetric);
    await page.getByLabel('Guardrail metric (optional)').selectOption(latencyMetric);
    await page.getByLabel('Minimum new units per stage').fill('50');
    // Long enough per stage that the test can pause automation before the rollout ships.
    await page.getByLabel('Minimum seconds per stage').fill('8');
    await page.getByLabel('Planned units (optional, N* of the sequential test)').fill('600');
    await page.getByLabel('Service with a blue/green deployment (optional)').fill(`checkout-${run}`);
    await expectAccessible('new experiment');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await page.waitForURL(`**/experiments/${experimentKey}`);
    await page.getByRole('heading', { name: new RegExp(experimentKey) }).getByText('running').waitFor();
    expect(await api(platform.urls.config, `/v1/experiments/${experimentKey}`)).toMatchObject({ status: 'running', flagKey, rolloutPolicy: { minUnitsPerStage: 50, minDurationPerStage: 8 } });
    expect(await api(platform.urls.config, `/v1/flags/${flagKey}`)).toMatchObject({ enabled: true, rules: [{ experimentKey }] });

    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Unit id').fill('playground-unit');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const row = page.getByRole('row', { name: new RegExp(`^${flagKey}`) });
    expect(await row.innerText()).toMatch(/blue|green/);
    await expectAccessible('playground');
    await page.goto(`${consoleUrl}/experiments/${experimentKey}`);
  });

  it("shows units and intervals on the results page while the demo's traffic runs, and the rollout advancing", async () => {
    traffic = new ServiceProcess('traffic', 'tools/demo/src/traffic-main.ts', ['--flag', flagKey, '--scenario', 'ship', '--timeout-s', '200'], {
      ...process.env,
      XP_CONFIG_URL: platform.urls.config,
      XP_ASSIGNMENT_URL: platform.urls.assignment,
      XP_ANALYSIS_URL: platform.urls.analysis,
      XP_DEPLOYMENT_URL: platform.urls.deployment,
    });
    const resultsShown = Date.now();
    await page.getByTestId('units').waitFor({ timeout: 90_000 });
    await page.getByTestId('interval').filter({ hasText: '[' }).first().waitFor({ timeout: 90_000 });
    timings.resultsVisibleAfterTrafficStartMs = Date.now() - resultsShown;
    expect(await text('[data-testid=units]')).toMatch(/blue \d+, green \d+/);
    await page.locator('figure svg').first().waitFor();
    await expectAccessible('results');

    await page.getByRole('link', { name: 'rollout', exact: true }).click();
    await waitFor('the rollout to advance past 1 %', async () => Number((await text('[data-testid=percentage]')).replace(/\D+$/, '')) > 1, {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    await confirm('Pause automation');
    await page.getByText('Waiting: automation is paused').waitFor();
    await page.screenshot({ path: join(images, 'console-rollout.png') });
    await expectAccessible('rollout');

    // The results page again, with a few stages of data: measured on a fresh load, then screenshotted.
    const opened = Date.now();
    await page.goto(`${consoleUrl}/experiments/${experimentKey}`);
    await page.getByTestId('units').waitFor();
    await page.locator('svg.chart').first().waitFor();
    timings.resultsPage = { ...(await loadTimings(page)), resultsDrawnMs: Date.now() - opened };
    await page.locator('figure svg').nth(1).waitFor({ timeout: 60_000 }); // both charts drawn, for the screenshot
    await page.screenshot({ path: join(images, 'console-results.png'), fullPage: true });
    await page.getByRole('link', { name: 'rollout', exact: true }).click();
    await page.getByTestId('percentage').waitFor();
  });

  it('rolls back from the UI: flag off, experiment paused, blue active', async () => {
    await confirm('Roll back', 'Roll back now');
    await page.locator('.bluegreen').getByText('blue checkout-v1 100 %').waitFor({ timeout: 30_000 });
    await page.getByText('ROLLED_BACK').first().waitFor();
    expect(await api(platform.urls.deployment, `/v1/rollouts/${experimentKey}`)).toMatchObject({ status: 'rolled_back', percentage: 0 });
    await waitFor('config-service to show the rollback', async () => {
      const [experiment, flag] = [await api(platform.urls.config, `/v1/experiments/${experimentKey}`), await api(platform.urls.config, `/v1/flags/${flagKey}`)];
      return experiment.status === 'paused' && experiment.rolloutPercentage === 0 && flag.enabled === false;
    }, { timeoutMs: 30_000, intervalMs: 500 });

    await page.goto(`${consoleUrl}/experiments/${experimentKey}`);
    await page.getByRole('heading', { name: new RegExp(experimentKey) }).getByText('paused').waitFor();
    await page.goto(`${consoleUrl}/flags/${flagKey}`);
    await page.getByRole('heading', { name: new RegExp(flagKey) }).getByText('off (killed)').waitFor();
    await page.goto(`${consoleUrl}/rollouts`);
    await page.getByRole('row', { name: new RegExp(experimentKey) }).getByText('ROLLED_BACK').waitFor();
    await expectAccessible('rollouts');
  });

  it('offers a reader key no edit controls anywhere', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('dev-reader-key');
    expect(await page.getByTestId('role').innerText()).toBe('reader');
    const editControls = () => page.getByRole('button', { name: /New|Edit|Turn|Kill|Start|Pause|Resume|Conclude|Archive|Roll back|Approve|Create/ }).count();
    const pages = ['/flags', `/flags/${flagKey}`, '/experiments', `/experiments/${experimentKey}`, '/rollouts', `/rollouts/${experimentKey}`, '/segments', '/metrics'];
    for (const path of pages) {
      await page.goto(`${consoleUrl}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.locator('[aria-busy=true]').waitFor({ state: 'detached' });
      expect({ path, editControls: await editControls() }).toEqual({ path, editControls: 0 });
    }
    expect(await page.getByRole('link', { name: 'New experiment' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Playground' }).count()).toBe(0);
    await expectAccessible('segments (reader)');
    expect(checkedPages.length).toBeGreaterThanOrEqual(10);
  });
});
