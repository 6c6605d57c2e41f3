import { randomUUID } from 'node:crypto';
import murmurhash from 'murmurhash';
import { waitFor } from '@xp/kafka/testing';
import { api } from './admin-api';
import { TestPlatform } from './test-platform';

/*
 * A holdout's results end to end: config-service, assignment-service and analysis-service as child
 * processes on their own topics and ClickHouse. A shipped flag (on for everyone) is covered by a
 * 20 % holdout measured on `orders`. Units evaluate the flag through POST /v1/evaluate, those shown
 * the feature order more often, and analysis-service compares the held-out units with an equal-sized
 * sample of the others. The arms and their conversion rates are recomputed here from murmur3 directly
 * (the `murmurhash` package), not from the platform's code.
 */

const platform = new TestPlatform();
const UNITS = 1200;
const SALT = 'long-term-salt';

interface Comparison {
  controlVariant: string;
  variant: string;
  control: { n: number; mean: number };
  treatment: { n: number; mean: number };
  absolute: { estimate: number; ci: [number, number]; pValue: number };
}
interface HoldoutResults {
  latest: null | {
    experimentKey: string;
    unitsPerVariant: Record<string, number>;
    metrics: Array<{ metricKey: string; role: string; comparisons: Comparison[] }>;
    srm: { mismatch: boolean } | null;
    notes: string[];
  };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${platform.urls.assignment}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-sdk-key', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Which arm a unit is in, from the bucket formula (murmur3 of "<salt>:<unit>" mod 10,000). */
function armOf(unit: string): 'holdout' | 'general' | null {
  const bucket = murmurhash.v3(`${SALT}:${unit}`) % 10_000;
  if (bucket < 2000) return 'holdout';
  return bucket < 4000 ? 'general' : null;
}

beforeAll(async () => {
  try {
    await platform.start({ analysisIntervalMs: 2_000, readyTimeoutMs: 120_000, services: ['config', 'assignment', 'analysis'] });
  } catch (err) {
    await platform.stop();
    throw err;
  }
}, 180_000);

afterAll(async () => {
  await platform.stop();
}, 60_000);

describe('holdout results end to end', () => {
  it('compares the held-out units with an equal-sized sample of the others on its metrics', async () => {
    await api(platform.urls.config, '/v1/metrics', { method: 'POST', body: { key: 'orders', eventName: 'order', kind: 'binomial' } });
    await api(platform.urls.config, '/v1/flags', {
      method: 'POST',
      body: {
        key: 'one-click', valueType: 'boolean', variants: [{ key: 'off', value: false }, { key: 'on', value: true }], offVariant: 'off', salt: 'one-click',
        enabled: true, rules: [{ id: 'everyone', weights: [{ variant: 'on', weight: 10_000 }] }],
      },
    });
    // A metric that does not exist is refused, naming the field.
    const refused = await fetch(`${platform.urls.config}/v1/holdouts`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-admin-key', 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'long-term', salt: SALT, percentage: 20, flagKeys: ['one-click'], metrics: ['nope'] }),
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('metrics.0');
    await api(platform.urls.config, '/v1/holdouts', {
      method: 'POST',
      body: { key: 'long-term', salt: SALT, percentage: 20, flagKeys: ['one-click'], metrics: ['orders'], description: 'everything we ship' },
    });
    const units = Array.from({ length: UNITS }, (_, i) => `unit-${i}`);
    const firstHeld = units.find((unit) => armOf(unit) === 'holdout')!;
    await waitFor('the holdout to reach assignment-service and analysis-service', async () => {
      const answer = await post('/v1/evaluate', { unit: firstHeld, flags: ['one-click'] });
      const results = await fetch(`${platform.urls.analysis}/v1/holdouts/long-term/results`, { headers: { authorization: 'Bearer dev-reader-key' } });
      return JSON.stringify(answer.body).includes('"holdout":"long-term"') && results.status === 200;
    }, { timeoutMs: 30_000 });

    const answers = await Promise.all(units.map(async (unit) => ((await post('/v1/evaluate', { unit, flags: ['one-click'] })).body.results as Record<string, { variant: string; holdout?: string }>)['one-click']));
    // The held-out units are exactly those the formula puts in the holdout arm, and they got the off variant.
    units.forEach((unit, i) => expect([unit, answers[i].holdout === 'long-term']).toEqual([unit, armOf(unit) === 'holdout']));
    expect(answers.filter((a) => a.holdout).every((a) => a.variant === 'off')).toBe(true);

    // Shown the feature: every other unit orders; held out: every tenth.
    const orders = units.filter((unit, i) => (answers[i].variant === 'on' ? i % 2 === 0 : i % 10 === 0));
    for (let i = 0; i < orders.length; i += 500) {
      const batch = orders.slice(i, i + 500).map((unit) => ({ unit, event: 'order', id: randomUUID() }));
      expect((await post('/v1/events', { events: batch })).status).toBe(202);
    }

    const arm = (name: 'holdout' | 'general') => units.filter((unit) => armOf(unit) === name);
    const rate = (members: string[]) => members.filter((unit) => orders.includes(unit)).length / members.length;
    const expected = { holdout: arm('holdout'), general: arm('general') };
    expect(expected.holdout.length).toBeGreaterThan(180); // 20 % of 1,200 is 240
    expect(expected.general.length).toBeGreaterThan(180);

    let results: HoldoutResults | undefined;
    await waitFor('the holdout analysis to count every unit and order', async () => {
      results = await api<HoldoutResults>(platform.urls.analysis, '/v1/holdouts/long-term/results', { key: 'dev-reader-key' });
      const comparison = results.latest?.metrics[0]?.comparisons[0];
      return comparison?.control.mean === rate(expected.holdout) && comparison.treatment.mean === rate(expected.general);
    }, { timeoutMs: 60_000 });
    const latest = results!.latest!;
    expect(latest.experimentKey).toBe('holdout:long-term');
    expect(latest.unitsPerVariant).toEqual({ holdout: expected.holdout.length, general: expected.general.length });
    const [orderRates] = latest.metrics;
    expect(orderRates).toMatchObject({ metricKey: 'orders', role: 'primary' });
    const [comparison] = orderRates.comparisons;
    expect(comparison).toMatchObject({ controlVariant: 'holdout', variant: 'general' });
    expect(comparison.control).toEqual({ n: expected.holdout.length, mean: rate(expected.holdout) });
    expect(comparison.treatment).toEqual({ n: expected.general.length, mean: rate(expected.general) });
    expect(comparison.absolute.estimate).toBeCloseTo(rate(expected.general) - rate(expected.holdout), 9);
    expect(comparison.absolute.ci[0]).toBeGreaterThan(0);
    expect(comparison.absolute.pValue).toBeLessThan(0.001); // 50 % against 10 % on ~240 units each
    expect(latest.srm?.mismatch).toBe(false);
    expect(latest.notes.join(' ')).toContain('holdout');

    // Unknown holdouts are a 404 with a code.
    const missing = await fetch(`${platform.urls.analysis}/v1/holdouts/nope/results`, { headers: { authorization: 'Bearer dev-reader-key' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'holdout_not_found' } });
  });
});

