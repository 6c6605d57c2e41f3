import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import type { Metric } from '@xp/contracts';
import { analysisClickHouseMigrations } from '../clickhouse/migrations';
import type { ArmStatistics } from './experiment-statistics';
import { querySufficientStatistics, type SufficientStatisticsRequest } from './sufficient-statistics.query';

// Small deterministic generator so that the data (and any failure) is reproducible.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Exposure { unit: string; variant: string; ts: number }
interface Event { unit: string; event: string; value: number | null; properties: Record<string, string>; ts: number }

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-01T00:00:00Z');
const BOUNDARY_ATTRIBUTION_MS = 7 * 24 * HOUR;
const BOUNDARY_COVARIATE_MS = 2 * 24 * HOUR;

function generate(seed: number): { exposures: Exposure[]; events: Event[] } {
  const random = lcg(seed);
  const exposures: Exposure[] = [];
  const events: Event[] = [];
  for (let u = 0; u < 300; u++) {
    const unit = `u${u}`;
    const variant = random() < 0.5 ? 'control' : 'treatment';
    const first = T0 + Math.floor(random() * 48 * HOUR);
    exposures.push({ unit, variant, ts: first });
    if (random() < 0.3) exposures.push({ unit, variant, ts: first + Math.floor(random() * 10 * HOUR) });
    // A few units switch variant: they must be left out and counted.
    if (random() < 0.05) exposures.push({ unit, variant: variant === 'control' ? 'treatment' : 'control', ts: first + HOUR });
    const eventCount = Math.floor(random() * 6);
    for (let e = 0; e < eventCount; e++) {
      // From 3 days before to 9 days after the first exposure: covers both windows and beyond.
      const ts = first + Math.floor((random() * 12 - 3) * 24 * HOUR);
      const name = random() < 0.6 ? 'purchase' : 'view';
      const value = random() < 0.8 ? Math.round(random() * 20000) / 100 : null;
      events.push({ unit, event: name, value, properties: { amount: String(Math.round(random() * 500) / 10) }, ts });
    }
  }
  // Events of a unit never exposed to the experiment must not count anywhere.
  events.push({ unit: 'stranger', event: 'purchase', value: 10, properties: {}, ts: T0 + HOUR });
  // A variant whose only unit was also seen in another one: counted as excluded, no statistics.
  exposures.push({ unit: 'switcher', variant: 'holdout', ts: T0 }, { unit: 'switcher', variant: 'control', ts: T0 + HOUR });
  events.push({ unit: 'switcher', event: 'purchase', value: 5, properties: {}, ts: T0 + 2 * HOUR });
  // Window edges (delta 0 is after exposure, -covariate window is inside, +attribution window is out)
  // and negative values, which a cap must leave alone.
  const edge = exposures[0];
  for (const delta of [0, -BOUNDARY_COVARIATE_MS, BOUNDARY_ATTRIBUTION_MS, -BOUNDARY_COVARIATE_MS - 1, BOUNDARY_ATTRIBUTION_MS - 1]) {
    events.push({ unit: edge.unit, event: 'purchase', value: -40, properties: { amount: '-3.5' }, ts: edge.ts + delta });
  }
  return { exposures, events };
}

/** Independent reference: plain loops over the raw rows, following the documented rules. */
function expected(data: { exposures: Exposure[]; events: Event[] }, request: SufficientStatisticsRequest) {
  const firsts = new Map<string, { variant: string; ts: number; variants: Set<string> }>();
  for (const x of data.exposures) {
    const f = firsts.get(x.unit);
    if (!f) firsts.set(x.unit, { variant: x.variant, ts: x.ts, variants: new Set([x.variant]) });
    else {
      f.variants.add(x.variant);
      if (x.ts < f.ts) Object.assign(f, { variant: x.variant, ts: x.ts });
    }
  }
  const units: Record<string, { units: number; excluded: number; stageUnits: number }> = {};
  const stageStart = request.stageStartedAt?.getTime() ?? 0;
  for (const f of firsts.values()) {
    units[f.variant] ??= { units: 0, excluded: 0, stageUnits: 0 };
    if (f.variants.size > 1) units[f.variant].excluded++;
    else {
      units[f.variant].units++;
      if (f.ts >= stageStart) units[f.variant].stageUnits++;
    }
  }
  const metrics: Record<string, Record<string, ArmStatistics>> = {};
  for (const metric of request.metrics) {
    const arms: Record<string, ArmStatistics> = {};
    for (const [unit, f] of firsts) {
      if (f.variants.size > 1) continue;
      let postCount = 0, postSum = 0, preCount = 0, preSum = 0;
      for (const e of data.events) {
        if (e.unit !== unit || e.event !== metric.eventName) continue;
        const value = metric.valueProperty && metric.valueProperty !== 'value' ? Number(e.properties[metric.valueProperty] ?? 0) : (e.value ?? 0);
        const delta = e.ts - f.ts;
        if (delta >= 0 && delta < request.attributionWindowMs) { postCount++; postSum += value; }
        if (delta < 0 && delta >= -request.covariateWindowMs) { preCount++; preSum += value; }
      }
      const perUnit = (count: number, sum: number) => {
        const raw = metric.kind === 'binomial' ? (count > 0 ? 1 : 0) : metric.kind === 'count' ? count : sum;
        return metric.kind !== 'binomial' && metric.cap !== undefined ? Math.min(raw, metric.cap) : raw;
      };
      const y = perUnit(postCount, postSum);
      const x = perUnit(preCount, preSum);
      const arm = (arms[f.variant] ??= { n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, sumProducts: 0 });
      arm.n++; arm.sum += y; arm.sumSquares += y * y; arm.covariateSum += x; arm.covariateSumSquares += x * x; arm.sumProducts += x * y;
    }
    metrics[metric.key] = arms;
  }
  return { units, metrics };
}

const metric = (m: Partial<Metric> & Pick<Metric, 'key' | 'eventName' | 'kind'>) => m;

describe('sufficient statistics query (chdb)', () => {
  let dir: string;
  let ch: ClickHousePort;
  const data = generate(42);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xp-sufficient-stats-'));
    ch = await createClickHouse({ path: dir, database: 'xp' });
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
    const coordinates = (i: number) => ({ kafka_topic: 't', kafka_partition: 0, kafka_offset: i });
    await ch.insert('exposures_raw', data.exposures.map((x, i) => ({
      id: `x${i}`, experiment_key: 'exp', flag_key: 'flag', variant: x.variant, unit_id: x.unit, ts: new Date(x.ts).toISOString(), ...coordinates(i),
    })));
    // Another experiment's exposures of the same units must not leak in.
    await ch.insert('exposures_raw', data.exposures.slice(0, 50).map((x, i) => ({
      id: `o${i}`, experiment_key: 'other', flag_key: 'flag', variant: 'treatment', unit_id: x.unit, ts: new Date(x.ts - 5 * 24 * HOUR).toISOString(), ...coordinates(i),
    })));
    await ch.insert('events_raw', data.events.map((e, i) => ({
      id: `e${i}`, unit_id: e.unit, event: e.event, value: e.value, properties: e.properties, ts: new Date(e.ts).toISOString(), ...coordinates(i),
    })));
  });

  afterAll(async () => {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request: SufficientStatisticsRequest = {
    experimentKey: 'exp',
    metrics: [
      metric({ key: 'converted', eventName: 'purchase', kind: 'binomial' }),
      metric({ key: 'purchases', eventName: 'purchase', kind: 'count', cap: 3 }),
      metric({ key: 'revenue', eventName: 'purchase', kind: 'sum', valueProperty: 'value', cap: 250 }),
      metric({ key: 'amount', eventName: 'purchase', kind: 'mean', valueProperty: 'amount' }),
      metric({ key: 'views', eventName: 'view', kind: 'count' }),
    ],
    attributionWindowMs: BOUNDARY_ATTRIBUTION_MS,
    covariateWindowMs: BOUNDARY_COVARIATE_MS,
    stageStartedAt: new Date(T0 + 24 * HOUR),
  };

  it('returns per-variant units, exclusions and stage units equal to a plain count over the raw rows', async () => {
    const result = await querySufficientStatistics(ch, request);
    const reference = expected(data, request);

    expect(result.units).toEqual(reference.units);
    expect(reference.units.control.excluded + reference.units.treatment.excluded).toBeGreaterThan(0);
    expect(result.units.holdout).toEqual({ units: 0, excluded: 1, stageUnits: 0 });
  });

  it('gives a variant without analysed units no metric statistics', async () => {
    const result = await querySufficientStatistics(ch, request);

    expect(Object.keys(result.metrics.revenue).sort()).toEqual(['control', 'treatment']);
  });

  it('counts the window edges and negative values as the reference does', async () => {
    const edgeOnly = { ...request, metrics: [metric({ key: 'revenue', eventName: 'purchase', kind: 'sum', cap: 250 })] };
    const result = await querySufficientStatistics(ch, edgeOnly);
    const reference = expected(data, edgeOnly);
    const edgeVariant = data.exposures[0].variant;

    expect(result.metrics.revenue[edgeVariant].sum).toBeCloseTo(reference.metrics.revenue[edgeVariant].sum, 6);
    expect(result.metrics.revenue[edgeVariant].covariateSum).toBeCloseTo(reference.metrics.revenue[edgeVariant].covariateSum, 6);
    // Without the edge events (two after, one before: -80 and -40) the reference would differ.
    const withoutEdges = expected({ ...data, events: data.events.filter((e) => e.value !== -40) }, edgeOnly).metrics.revenue[edgeVariant];
    expect(reference.metrics.revenue[edgeVariant].sum - withoutEdges.sum).toBeCloseTo(-80, 6);
    expect(reference.metrics.revenue[edgeVariant].covariateSum - withoutEdges.covariateSum).toBeCloseTo(-40, 6);
  });

  it('returns unit counts alone when no metric is asked for', async () => {
    const result = await querySufficientStatistics(ch, { ...request, metrics: [] });

    expect(result).toEqual({ units: expected(data, request).units, metrics: {} });
  });

  it.each(['converted', 'purchases', 'revenue', 'amount', 'views'])('returns the sums of metric %s computed independently in TS', async (key) => {
    const result = await querySufficientStatistics(ch, request);
    const reference = expected(data, request).metrics[key];

    for (const variant of ['control', 'treatment']) {
      const got = result.metrics[key][variant];
      const want = reference[variant];
      expect(got.n).toBe(want.n);
      for (const field of ['sum', 'sumSquares', 'covariateSum', 'covariateSumSquares', 'sumProducts'] as const) {
        expect(got[field]).toBeCloseTo(want[field], 6);
      }
    }
    // The covariate must actually be exercised by the generated data.
    expect(reference.control.covariateSum + reference.treatment.covariateSum).toBeGreaterThan(0);
  });

  it('applies a shorter attribution window', async () => {
    const short = { ...request, attributionWindowMs: 24 * HOUR };
    const result = await querySufficientStatistics(ch, short);
    const reference = expected(data, short);

    expect(result.metrics.purchases.treatment.sum).toBe(reference.metrics.purchases.treatment.sum);
    expect(result.metrics.purchases.treatment.sum).toBeLessThan((await querySufficientStatistics(ch, request)).metrics.purchases.treatment.sum);
  });

  it('returns no rows for an experiment without exposures', async () => {
    const result = await querySufficientStatistics(ch, { ...request, experimentKey: 'nobody' });

    expect(result).toEqual({ units: {}, metrics: { converted: {}, purchases: {}, revenue: {}, amount: {}, views: {} } });
  });
});
