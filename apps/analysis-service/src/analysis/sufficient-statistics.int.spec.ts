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
interface Event { id: string; unit: string; event: string; value: number | null; properties: Record<string, string>; ts: number }

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
      events.push({ id: `e${events.length}`, unit, event: name, value, properties: { amount: String(Math.round(random() * 500) / 10) }, ts });
    }
  }
  // Events of a unit never exposed to the experiment must not count anywhere.
  events.push({ id: 'stranger', unit: 'stranger', event: 'purchase', value: 10, properties: {}, ts: T0 + HOUR });
  // A variant whose only unit was also seen in another one: counted as excluded, no statistics.
  exposures.push({ unit: 'switcher', variant: 'holdout', ts: T0 }, { unit: 'switcher', variant: 'control', ts: T0 + HOUR });
  events.push({ id: 'switcher', unit: 'switcher', event: 'purchase', value: 5, properties: {}, ts: T0 + 2 * HOUR });
  // Window edges (delta 0 is after exposure, -covariate window is inside, +attribution window is out)
  // and negative values, which a cap must leave alone.
  const edge = exposures[0];
  for (const delta of [0, -BOUNDARY_COVARIATE_MS, BOUNDARY_ATTRIBUTION_MS, -BOUNDARY_COVARIATE_MS - 1, BOUNDARY_ATTRIBUTION_MS - 1]) {
    events.push({ id: `edge${delta}`, unit: edge.unit, event: 'purchase', value: -40, properties: { amount: '-3.5' }, ts: edge.ts + delta });
  }
  // Resent events (same id): one copy as is, one later (a server-stamped retry); only the earliest counts.
  for (const e of events.filter((_e, i) => i % 9 === 0 && _e.unit !== 'stranger')) {
    events.push({ ...e }, { ...e, ts: e.ts + 3 * 24 * HOUR, value: 1000 });
  }
  return { exposures, events };
}

/** Independent reference: plain loops over the raw rows, following the documented rules. */
function firstExposures(data: { exposures: Exposure[] }) {
  const firsts = new Map<string, { variant: string; ts: number; variants: Set<string> }>();
  for (const x of data.exposures) {
    const f = firsts.get(x.unit);
    if (!f) firsts.set(x.unit, { variant: x.variant, ts: x.ts, variants: new Set([x.variant]) });
    else {
      f.variants.add(x.variant);
      if (x.ts < f.ts) Object.assign(f, { variant: x.variant, ts: x.ts });
    }
  }
  return firsts;
}

const valueOf = (e: Event, property?: string) => (property && property !== 'value' ? Number(e.properties[property] ?? 0) : (e.value ?? 0));

/** The unit's events of one event name in [from, to) relative to its first exposure. */
function eventsIn(data: { events: Event[] }, unit: string, event: string, first: number, from: number, to: number): Event[] {
  return uniqueById(data.events).filter((e) => e.unit === unit && e.event === event && e.ts - first >= from && e.ts - first < to);
}

/** A resent event (same id) counts once: its earliest copy. */
const uniqueCache = new WeakMap<Event[], Event[]>();
function uniqueById(events: Event[]): Event[] {
  if (!uniqueCache.has(events)) {
    const first = new Map<string, Event>();
    for (const e of events) if (!first.has(e.id) || e.ts < first.get(e.id)!.ts) first.set(e.id, e);
    uniqueCache.set(events, [...first.values()]);
  }
  return uniqueCache.get(events)!;
}

function quantileOf(sorted: number[], p: number): number {
  // ClickHouse quantileExact: the element at floor(p * n) (0-based) of the sorted values.
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function expected(data: { exposures: Exposure[]; events: Event[] }, request: SufficientStatisticsRequest) {
  const firsts = firstExposures(data);
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
  const analysed = [...firsts].filter(([, f]) => f.variants.size === 1);
  const metrics: Record<string, Record<string, ArmStatistics>> = {};
  for (const metric of request.metrics.filter((m) => m.kind !== 'quantile')) {
    const window = metric.attributionWindowHours === undefined ? request.attributionWindowMs : metric.attributionWindowHours * HOUR;
    const perUnit = (events: Event[], property: string | undefined, kind: string) => {
      if (kind === 'binomial') return events.length > 0 ? 1 : 0;
      if (kind === 'count') return events.length;
      const total = events.reduce((a, e) => a + valueOf(e, property), 0);
      return kind === 'mean' ? (events.length > 0 ? total / events.length : 0) : total;
    };
    const numeratorKind = metric.kind === 'ratio' ? (metric.valueProperty ? 'sum' : 'count') : metric.kind;
    const rows = analysed.map(([unit, f]) => {
      const post = eventsIn(data, unit, metric.eventName, f.ts, 0, window);
      const pre = eventsIn(data, unit, metric.eventName, f.ts, -request.covariateWindowMs, 0);
      const row = { variant: f.variant, has: post.length > 0, y: perUnit(post, metric.valueProperty, numeratorKind), x: perUnit(pre, metric.valueProperty, numeratorKind), d: 0, dx: 0 };
      if (metric.denominator) {
        const denKind = metric.denominator.valueProperty ? 'sum' : 'count';
        row.d = perUnit(eventsIn(data, unit, metric.denominator.eventName, f.ts, 0, window), metric.denominator.valueProperty, denKind);
        row.dx = perUnit(eventsIn(data, unit, metric.denominator.eventName, f.ts, -request.covariateWindowMs, 0), metric.denominator.valueProperty, denKind);
      }
      return row;
    });
    let cap = metric.kind === 'binomial' ? undefined : metric.cap;
    if (metric.capPercentile !== undefined) {
      const values = rows.map((r) => r.y).filter((y) => !metric.capIgnoreZeros || y !== 0).sort((a, b) => a - b);
      cap = quantileOf(values, metric.capPercentile);
    }
    const capped = (v: number) => (cap === undefined ? v : Math.min(v, cap));
    const arms: Record<string, ArmStatistics> = {};
    for (const r of rows) {
      if (metric.kind === 'mean' && !r.has) continue;
      const y = capped(r.y);
      const x = metric.kind === 'mean' ? 0 : capped(r.x);
      const arm = (arms[r.variant] ??= { n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, sumProducts: 0 });
      arm.n++; arm.sum += y; arm.sumSquares += y * y; arm.covariateSum += x; arm.covariateSumSquares += x * x; arm.sumProducts += x * y;
      if (metric.kind === 'ratio') {
        const t = (arm.ratio ??= { denominatorSum: 0, denominatorSumSquares: 0, numeratorDenominator: 0, denominatorCovariateSum: 0, denominatorCovariateSumSquares: 0, numeratorDenominatorPre: 0, denominatorNumeratorPre: 0, denominatorDenominatorPre: 0, numeratorPreDenominatorPre: 0 });
        t.denominatorSum += r.d; t.denominatorSumSquares += r.d * r.d; t.numeratorDenominator += y * r.d;
        t.denominatorCovariateSum += r.dx; t.denominatorCovariateSumSquares += r.dx * r.dx; t.numeratorDenominatorPre += y * r.dx;
        t.denominatorNumeratorPre += r.d * x; t.denominatorDenominatorPre += r.d * r.dx; t.numeratorPreDenominatorPre += x * r.dx;
      }
    }
    metrics[metric.key] = arms;
  }
  return { units, metrics };
}

/** Independent reference for a quantile metric: sort each variant's event values, count per unit. */
function expectedQuantile(data: { exposures: Exposure[]; events: Event[] }, request: SufficientStatisticsRequest, metric: SufficientStatisticsRequest['metrics'][number]) {
  const nu = metric.quantile!;
  const z = 1.959963984540054;
  const byVariant = new Map<string, { unit: string; value: number }[]>();
  for (const [unit, f] of firstExposures(data)) {
    if (f.variants.size > 1) continue;
    for (const e of eventsIn(data, unit, metric.eventName, f.ts, 0, request.attributionWindowMs)) {
      const raw = metric.valueProperty && metric.valueProperty !== 'value' ? e.properties[metric.valueProperty] : e.value;
      if (raw === null || raw === undefined) continue;
      const list = byVariant.get(f.variant) ?? [];
      list.push({ unit, value: Number(raw) });
      byVariant.set(f.variant, list);
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [variant, list] of byVariant) {
    const sorted = list.map((l) => l.value).sort((a, b) => a - b);
    const n = sorted.length;
    const spread = z * Math.sqrt((nu * (1 - nu)) / n);
    const at = (rank: number) => sorted[Math.max(1, Math.min(n, rank)) - 1];
    const estimate = at(Math.ceil(nu * n));
    const perUnit = new Map<string, { s: number; c: number }>();
    for (const { unit, value } of list) {
      const u = perUnit.get(unit) ?? { s: 0, c: 0 };
      u.c++;
      if (value <= estimate) u.s++;
      perUnit.set(unit, u);
    }
    const us = [...perUnit.values()];
    out[variant] = {
      events: n, units: us.length, estimate, lower: at(Math.floor((nu - spread) * n)), upper: at(Math.ceil((nu + spread) * n)),
      belowSum: us.reduce((a, u) => a + u.s, 0), belowSumSquares: us.reduce((a, u) => a + u.s * u.s, 0),
      countSum: us.reduce((a, u) => a + u.c, 0), countSumSquares: us.reduce((a, u) => a + u.c * u.c, 0),
      belowCountProducts: us.reduce((a, u) => a + u.s * u.c, 0),
    };
  }
  return out;
}

const metric = (m: Partial<Metric> & Pick<Metric, 'key' | 'eventName' | 'kind'>): SufficientStatisticsRequest['metrics'][number] => m;

// Both sources of the per-unit rows must match the TS reference: the unit_values state the
// analysis loop keeps, and the computation from the raw tables that defines it.
describe.each(['state', 'raw'] as const)('sufficient statistics query (chdb, per-unit rows from %s)', (source) => {
  let dir: string;
  let ch: ClickHousePort;
  const data = generate(42);
  const query = (request: SufficientStatisticsRequest) => querySufficientStatistics(ch, { ...request, source });

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
      id: e.id, unit_id: e.unit, event: e.event, value: e.value, properties: e.properties, ts: new Date(e.ts).toISOString(), ...coordinates(i),
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
      metric({ key: 'per-view', eventName: 'purchase', kind: 'ratio', valueProperty: 'value', denominator: { eventName: 'view' } }),
      metric({ key: 'amount-per-purchase', eventName: 'purchase', kind: 'ratio', valueProperty: 'amount', denominator: { eventName: 'purchase' }, cap: 80 }),
      metric({ key: 'revenue-p90', eventName: 'purchase', kind: 'sum', valueProperty: 'value', capPercentile: 0.9 }),
      metric({ key: 'revenue-p75-buyers', eventName: 'purchase', kind: 'sum', valueProperty: 'value', capPercentile: 0.75, capIgnoreZeros: true }),
      metric({ key: 'purchases-1d', eventName: 'purchase', kind: 'count', attributionWindowHours: 24 }),
    ],
    attributionWindowMs: BOUNDARY_ATTRIBUTION_MS,
    covariateWindowMs: BOUNDARY_COVARIATE_MS,
    stageStartedAt: new Date(T0 + 24 * HOUR),
  };

  it('returns per-variant units, exclusions and stage units equal to a plain count over the raw rows', async () => {
    const result = await query(request);
    const reference = expected(data, request);

    expect(result.units).toEqual(reference.units);
    expect(reference.units.control.excluded + reference.units.treatment.excluded).toBeGreaterThan(0);
    expect(result.units.holdout).toEqual({ units: 0, excluded: 1, stageUnits: 0 });
  });

  it('gives a variant without analysed units no metric statistics', async () => {
    const result = await query(request);

    expect(Object.keys(result.metrics.revenue).sort()).toEqual(['control', 'treatment']);
  });

  it('counts the window edges and negative values as the reference does', async () => {
    const edgeOnly = { ...request, metrics: [metric({ key: 'revenue', eventName: 'purchase', kind: 'sum', cap: 250 })] };
    const result = await query(edgeOnly);
    const reference = expected(data, edgeOnly);
    const edgeVariant = data.exposures[0].variant;

    expect(result.metrics.revenue[edgeVariant].sum).toBeCloseTo(reference.metrics.revenue[edgeVariant].sum, 6);
    expect(result.metrics.revenue[edgeVariant].covariateSum).toBeCloseTo(reference.metrics.revenue[edgeVariant].covariateSum, 6);
    // Without the edge events (two after, one before: -80 and -40) the reference would differ.
    const withoutEdges = expected({ ...data, events: data.events.filter((e) => !e.id.startsWith('edge')) }, edgeOnly).metrics.revenue[edgeVariant];
    expect(reference.metrics.revenue[edgeVariant].sum - withoutEdges.sum).toBeCloseTo(-80, 6);
    expect(reference.metrics.revenue[edgeVariant].covariateSum - withoutEdges.covariateSum).toBeCloseTo(-40, 6);
  });

  it('returns unit counts alone when no metric is asked for', async () => {
    const result = await query({ ...request, metrics: [] });

    expect(result).toEqual({ units: expected(data, request).units, metrics: {} });
  });

  const unitKeys = ['converted', 'purchases', 'revenue', 'amount', 'views', 'per-view', 'amount-per-purchase', 'revenue-p90', 'revenue-p75-buyers', 'purchases-1d'];
  it.each(unitKeys)('returns the sums of metric %s computed independently in TS', async (key) => {
    const result = await query(request);
    const reference = expected(data, request).metrics[key];

    for (const variant of ['control', 'treatment']) {
      const got = result.metrics[key][variant];
      const want = reference[variant];
      expect(got.n).toBe(want.n);
      for (const field of ['sum', 'sumSquares', 'covariateSum', 'covariateSumSquares', 'sumProducts'] as const) {
        expect(got[field]).toBeCloseTo(want[field], 6);
      }
      expect(got.ratio === undefined).toBe(want.ratio === undefined);
      for (const [field, value] of Object.entries(want.ratio ?? {})) expect(got.ratio![field as keyof typeof want.ratio]).toBeCloseTo(value, 6);
    }
    // The covariate must actually be exercised by the generated data (a per-unit mean has none).
    if (key !== 'amount') expect(reference.control.covariateSum + reference.treatment.covariateSum).toBeGreaterThan(0);
  });

  it('counts only units with an event for a per-unit mean, and caps by percentile over every analysed unit', async () => {
    const result = await query(request);
    expect(result.metrics.amount.control.n).toBeLessThan(result.units.control.units);
    // The percentile cap clips: the capped total is below the uncapped one.
    expect(result.metrics['revenue-p90'].control.sum).toBeLessThan(expected(data, { ...request, metrics: [metric({ key: 'r', eventName: 'purchase', kind: 'sum', valueProperty: 'value' })] }).metrics.r.control.sum);
  });

  it('returns the statistics of a quantile metric computed independently in TS', async () => {
    const p90 = metric({ key: 'amount-p90', eventName: 'purchase', kind: 'quantile', valueProperty: 'amount', quantile: 0.9 });
    const value = metric({ key: 'value-p50', eventName: 'purchase', kind: 'quantile', valueProperty: 'value', quantile: 0.5 });
    const result = await query({ ...request, metrics: [p90, value] });
    for (const m of [p90, value]) {
      const want = expectedQuantile(data, request, m);
      expect(Object.keys(result.quantiles![m.key]).sort()).toEqual(Object.keys(want).sort());
      for (const [variant, arm] of Object.entries(want)) {
        for (const [field, v] of Object.entries(arm)) expect((result.quantiles![m.key][variant] as unknown as Record<string, number>)[field]).toBeCloseTo(v, 6);
      }
    }
  });

  it('applies a shorter attribution window', async () => {
    const short = { ...request, attributionWindowMs: 24 * HOUR };
    const result = await query(short);
    const reference = expected(data, short);

    expect(result.metrics.purchases.treatment.sum).toBe(reference.metrics.purchases.treatment.sum);
    expect(result.metrics.purchases.treatment.sum).toBeLessThan((await query(request)).metrics.purchases.treatment.sum);
  });

  it('returns no rows for an experiment without exposures', async () => {
    const result = await query({ ...request, experimentKey: 'nobody' });

    expect(result).toEqual({ units: {}, metrics: Object.fromEntries(unitKeys.map((k) => [k, {}])) });
  });
});
