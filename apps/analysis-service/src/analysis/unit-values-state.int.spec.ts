import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import type { Metric } from '@xp/contracts';
import { analysisClickHouseMigrations } from '../clickhouse/migrations';
import { metricColumns } from './metric-columns';
import { querySufficientStatistics, type AnalysedMetric, type SufficientStatisticsRequest } from './sufficient-statistics.query';
import { refreshUnitValues, type UnitValuesTuning } from './unit-values-state';
import { CHANGED_UNITS } from './unit-values.sql';

/*
 * The incremental per-unit state (unit_values) against the computation from the raw tables, on
 * randomised data that arrives in rounds, as ingestion stores it: several partitions per topic,
 * units in several variants, events before and after their unit's exposure and late ones (an old
 * timestamp in a later round), events of units exposed only later, resent events (same id, later
 * offset), batches stored twice (same offsets), attribution windows, absolute and percentile caps.
 * After every round both sources must give the same sufficient statistics.
 */

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOUR = 3_600_000;
const T0 = Date.parse('2025-06-01T00:00:00Z');
const PARTITIONS = 3;
type Row = Record<string, unknown>;

/** Appends rows to a table as ingestion would: per partition, offsets in order. */
class Topic {
  private readonly next = Array.from({ length: PARTITIONS }, () => 0);
  constructor(readonly name: string) {}
  place(unit: string): { kafka_topic: string; kafka_partition: number; kafka_offset: number } {
    const partition = [...unit].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7) % PARTITIONS;
    return { kafka_topic: this.name, kafka_partition: partition, kafka_offset: this.next[partition]++ };
  }
}

function roundOf(random: () => number, round: number, exposures: Topic, events: Topic): { exposures: Row[]; events: Row[] } {
  const variants = ['control', 'a', 'b'];
  const xs: Row[] = [];
  const es: Row[] = [];
  const exposure = (unit: string, variant: string, ts: number) =>
    xs.push({ id: `x-${round}-${xs.length}`, experiment_key: 'exp', flag_key: 'flag', variant, unit_id: unit, ts: new Date(ts).toISOString(), ...exposures.place(unit) });
  const event = (unit: string, id: string, name: string, value: number | null, ts: number) =>
    es.push({ id, unit_id: unit, event: name, value, properties: { amount: String(Math.round(random() * 900) / 10) }, ts: new Date(ts).toISOString(), ...events.place(unit) });
  for (let k = 0; k < 120; k++) {
    const unit = `u${Math.floor(random() * 300)}`; // units come back in later rounds
    const variant = variants[Math.floor(random() * 3)];
    const ts = T0 + Math.floor((round * 24 + random() * 24) * HOUR);
    if (random() < 0.8) exposure(unit, random() < 0.04 ? variants[(variants.indexOf(variant) + 1) % 3] : variant, ts);
    const n = Math.floor(random() * 4);
    for (let e = 0; e < n; e++) {
      // From 3 days before to 9 days after; sometimes a late one, far in the past.
      const at = random() < 0.1 ? T0 - Math.floor(random() * 48 * HOUR) : ts + Math.floor((random() * 12 - 3) * 24 * HOUR);
      event(unit, `e-${round}-${k}-${e}`, random() < 0.65 ? 'purchase' : 'view', random() < 0.85 ? Math.round(random() * 30000) / 100 : null, at);
    }
  }
  // Resent events: the same id again, at a later offset (and a later time: the earliest copy counts).
  for (const e of es.filter((_e, i) => i % 11 === 0)) event(String(e.unit_id), String(e.id), String(e.event), 999, Date.parse(String(e.ts)) + 2 * HOUR);
  return { exposures: xs, events: es };
}

const metric = (m: Partial<Metric> & Pick<Metric, 'key' | 'eventName' | 'kind'>): AnalysedMetric => m;
const METRICS: AnalysedMetric[] = [
  metric({ key: 'converted', eventName: 'purchase', kind: 'binomial' }),
  metric({ key: 'purchases', eventName: 'purchase', kind: 'count', cap: 3 }),
  metric({ key: 'revenue', eventName: 'purchase', kind: 'sum', valueProperty: 'value', cap: 250 }),
  metric({ key: 'amount', eventName: 'purchase', kind: 'mean', valueProperty: 'amount' }),
  metric({ key: 'per-view', eventName: 'purchase', kind: 'ratio', valueProperty: 'value', denominator: { eventName: 'view' } }),
  metric({ key: 'revenue-p90', eventName: 'purchase', kind: 'sum', valueProperty: 'value', capPercentile: 0.9 }),
  metric({ key: 'revenue-p75-buyers', eventName: 'purchase', kind: 'sum', valueProperty: 'value', capPercentile: 0.75, capIgnoreZeros: true }),
  metric({ key: 'views-1d', eventName: 'view', kind: 'count', attributionWindowHours: 24 }),
];

/**
 * Where two results differ: same keys and integers, and floats equal to 1e-10 relative (the
 * same rows summed in another order). Empty when they agree.
 */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
}

describe('unit_values, kept incrementally, against the raw computation (chdb)', () => {
  let dir: string;
  let ch: ClickHousePort;
  const random = lcg(20261202);
  const exposures = new Topic('xp.exposures');
  const events = new Topic('xp.events');
  const request: SufficientStatisticsRequest = {
    experimentKey: 'exp',
    metrics: METRICS,
    attributionWindowMs: 7 * 24 * HOUR,
    covariateWindowMs: 2 * 24 * HOUR,
    stageStartedAt: new Date(T0 + 72 * HOUR),
  };
  const compare = async (r: SufficientStatisticsRequest) => {
    const state = await querySufficientStatistics(ch, { ...r, source: 'state' });
    const raw = await querySufficientStatistics(ch, { ...r, source: 'raw' });
    expect(differences(state, raw)).toEqual([]);
    expect(Object.keys(state.units).length).toBeGreaterThan(0);
    return state;
  };
  const refresh = (r: SufficientStatisticsRequest, clickhouse = ch, tuning?: UnitValuesTuning) =>
    refreshUnitValues(clickhouse, { experimentKey: r.experimentKey, layout: metricColumns(r.metrics, r.attributionWindowMs), covariateWindowMs: r.covariateWindowMs }, tuning);
  const store = async (round: { exposures: Row[]; events: Row[] }) => {
    await ch.insert('exposures_raw', round.exposures);
    await ch.insert('events_raw', round.events);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xp-unit-values-'));
    ch = await createClickHouse({ path: dir, database: 'xp' });
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
  });

  afterAll(async () => {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the state on the first pass, then folds in only what changed, with the same statistics after every round', async () => {
    await store(roundOf(random, 0, exposures, events));
    expect(await refresh(request)).toEqual({ kind: 'rebuild' });
    let result = await compare(request);
    expect(Object.keys(result.units).sort()).toEqual(['a', 'b', 'control']);

    const rounds = [];
    for (let round = 1; round <= 5; round++) {
      const data = roundOf(random, round, exposures, events);
      rounds.push(data);
      await store(data);
      // A batch stored twice (a redelivery the deduplication window no longer remembers): same
      // offsets, within this round's ranges, and then one of an earlier round, below the progress.
      if (round === 3) await ch.insert('events_raw', data.events.slice(0, 40));
      if (round === 4) await store({ exposures: rounds[0].exposures.slice(0, 30), events: rounds[0].events.slice(0, 60) });
      expect(await refresh(request)).toEqual({ kind: 'update' });
      result = await compare(request);
    }
    expect(await refresh(request)).toEqual({ kind: 'current' });
    const units = Object.values(result.units);
    expect(units.reduce((n, u) => n + u.excluded, 0)).toBeGreaterThan(0);
    expect(units.reduce((n, u) => n + u.stageUnits, 0)).toBeGreaterThan(0);
    expect(result.metrics['revenue-p90'].control.sum).toBeGreaterThan(0);
  });

  it('rebuilds when the metrics change, and again when they change back', async () => {
    const other = { ...request, metrics: METRICS.slice(0, 3), attributionWindowMs: 3 * 24 * HOUR };
    expect(await refresh(other)).toEqual({ kind: 'rebuild' });
    await compare(other);
    await store(roundOf(random, 6, exposures, events));
    expect(await refresh(request)).toEqual({ kind: 'rebuild' });
    await compare(request);
  });

  const rowsOf = async (final: '' | 'FINAL') => {
    const [{ rows, distinct }] = await ch.query<{ rows: string; distinct: string }>(
      `SELECT count() AS rows, uniqExact(unit_id) AS distinct FROM unit_values ${final} WHERE experiment_key = 'exp'`,
    );
    return { rows: Number(rows), distinct: Number(distinct) };
  };
  const exposedUnits = async () => {
    const [{ exposed }] = await ch.query<{ exposed: string }>("SELECT uniqExact(unit_id) AS exposed FROM exposures_raw WHERE experiment_key = 'exp'");
    return Number(exposed);
  };

  it('recovers from a pass that died before inserting the changed units: the older rows stay until then', async () => {
    const before = await rowsOf('FINAL');
    await store(roundOf(random, 7, exposures, events));
    const dying: ClickHousePort = {
      ...ch,
      exec: async (sql, params) => {
        if (sql.includes('INSERT INTO unit_values ')) throw new Error('killed');
        return ch.exec(sql, params);
      },
    };
    await expect(refresh(request, dying)).rejects.toThrow('killed');
    expect(await rowsOf('FINAL')).toEqual(before); // nothing deleted, nothing new
    expect(before.distinct).toBeLessThan(await exposedUnits()); // the round brought new units

    expect(await refresh(request)).toEqual({ kind: 'update' });
    await compare(request);
    expect(await rowsOf('FINAL')).toEqual({ rows: await exposedUnits(), distinct: await exposedUnits() });
  });

  it('recovers from a pass that died after inserting, before its progress: the units are computed again, read once', async () => {
    await store(roundOf(random, 71, exposures, events));
    await ch.exec('SYSTEM STOP MERGES unit_values'); // so that the row counts below move only by inserts
    const stored = await rowsOf('');
    const dying: ClickHousePort = {
      ...ch,
      insert: async (table, rows, options) => {
        if (table === 'unit_values_progress') throw new Error('killed');
        return ch.insert(table, rows, options);
      },
    };
    await expect(refresh(request, dying)).rejects.toThrow('killed');
    const afterDeath = await rowsOf('');
    expect(afterDeath.rows).toBeGreaterThan(stored.rows); // the changed units were inserted

    expect(await refresh(request)).toEqual({ kind: 'update' }); // the same units (and more), again
    expect((await rowsOf('')).rows).toBeGreaterThan(afterDeath.rows);
    await compare(request); // FINAL: each unit once, though inserted twice
    await ch.exec('SYSTEM START MERGES unit_values');
    expect(await rowsOf('FINAL')).toEqual({ rows: await exposedUnits(), distinct: await exposedUnits() });
  });

  it('computes every unit again, in slices, when too many changed (a backfill), with the same statistics', async () => {
    await store(roundOf(random, 8, exposures, events));
    expect(await refresh(request, ch, { rebuildAboveUnits: 20, exposuresPerSlice: 150 })).toEqual({ kind: 'rebuild' });
    await compare(request);
    const [{ exposed }] = await ch.query<{ exposed: string }>("SELECT count() AS exposed FROM exposures_raw WHERE experiment_key = 'exp'");
    expect(Number(exposed)).toBeGreaterThan(3 * 150); // several slices
    await store(roundOf(random, 9, exposures, events));
    expect(await refresh(request)).toEqual({ kind: 'update' });
    await compare(request);
  });

  it('finds the changed units through the minmax index on kafka_offset, skipping the older parts', async () => {
    await ch.exec('SYSTEM STOP MERGES exposures_raw'); // a part per round, so that there are old ones to skip
    await store(roundOf(random, 10, exposures, events));
    await store(roundOf(random, 11, exposures, events));
    const [{ last }] = await ch.query<{ last: string }>("SELECT max(kafka_offset) AS last FROM exposures_raw WHERE kafka_partition = 0");
    const plan = await ch.query<{ explain: string }>(`EXPLAIN indexes = 1 ${CHANGED_UNITS}`, {
      experiment: 'exp',
      events: ['purchase'],
      rangeKeys: ['exposures|xp.exposures|0'],
      rangeFrom: [Number(last)],
      rangeTo: [Number(last)],
      exposuresFrom: Number(last),
      eventsFrom: Number.MAX_SAFE_INTEGER,
    });
    await ch.exec('SYSTEM START MERGES exposures_raw');
    const text = plan.map((row) => row.explain).join('\n');
    const skip = text.slice(text.indexOf('Name: kafka_offset_range'));
    const [, kept, total] = /Granules: (\d+)\/(\d+)/.exec(skip) ?? [];
    expect(Number(total)).toBeGreaterThan(1);
    expect(Number(kept)).toBeLessThan(Number(total));
  });

  it('reads one row per unit however many passes ran', async () => {
    expect(await refresh(request)).toEqual({ kind: 'update' });
    const { rows, distinct } = await rowsOf('FINAL');
    expect(rows).toBe(distinct);
    expect(distinct).toBe(await exposedUnits());
  });
});
