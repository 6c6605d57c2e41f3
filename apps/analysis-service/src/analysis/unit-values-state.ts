import { createHash } from 'node:crypto';
import type { ClickHousePort } from '@xp/clickhouse';
import { z } from 'zod';
import { columnParameters, type ColumnLayout } from './metric-columns';
import { CHANGED_UNITS, unitRowsSql, type UnitSelection } from './unit-values.sql';

/*
 * `unit_values` keeps one row per (experiment, layout, unit): the unit's uncapped per-unit values
 * (unit-values.sql.ts), so that a results query scans one row per unit instead of joining every
 * exposure to every event of the whole history. It is brought up to date before each analysis:
 *
 *   1. marks: the highest Kafka offset per (table, topic, partition) now in exposures_raw and
 *      events_raw (from a projection: a few rows per part); ingestion inserts each partition's records
 *      in offset order, one part per batch, so everything up to a mark is there.
 *   2. progress: the marks folded in last time (`unit_values_progress`). None: the layout is new
 *      (or its metrics changed), and every unit is computed (a rebuild).
 *   3. changed units: those with rows in (progress, mark] on some partition, stored for the pass in
 *      `unit_values_changed`. They are computed again from the raw tables (all their rows, not only
 *      the new ones) and inserted with the pass's `version`: the table is a
 *      ReplacingMergeTree(version), so a unit's newest row replaces the older ones, and readers take
 *      FINAL. Nothing is deleted: a per-pass DELETE was a mutation over every part of the table.
 *      Past a million changed units (a backfill, a first big load), every unit is computed again
 *      instead, in slices by unit hash to bound memory.
 *   4. the marks become the progress.
 *
 * A crash anywhere leaves the progress where it was, so the next pass redoes the same units (and
 * more) with a higher version: harmless, as FINAL reads one row per unit however many were inserted.
 * A redelivered batch is dropped by ingestion's deduplication or, stored again, only marks its units changed.
 * Only the analysis loop writes here: one writer per experiment (one analysis-service instance
 * analyses; a second would need a lock).
 */

/** The columns' definitions without their caps (caps apply at aggregation), plus the covariate window. */
export function layoutId(layout: ColumnLayout, covariateWindowMs: number): string {
  const definition = JSON.stringify({ columns: layout.columns.map(({ event, property, rule, windowMs }) => [event, property, rule, windowMs]), covariateWindowMs });
  return BigInt(`0x${createHash('sha256').update(definition).digest('hex').slice(0, 16)}`).toString();
}

export interface UnitValuesRefresh {
  /** `rebuild`: every unit computed; `update`: only the changed ones; `current`: nothing new. */
  kind: 'rebuild' | 'update' | 'current';
}

const markSchema = z.object({ key: z.string(), offset: z.coerce.number().int().nonnegative() });

// Every partition of the raw tables (answered from their partition_offsets projection, migration v5):
// ranges of partitions without rows of this experiment or these events select no unit.
const MARKS_SQL = `
  SELECT concat('exposures|', kafka_topic, '|', toString(kafka_partition)) AS key, max(kafka_offset) AS offset
  FROM (SELECT kafka_topic, kafka_partition, max(kafka_offset) AS kafka_offset FROM exposures_raw GROUP BY kafka_topic, kafka_partition)
  GROUP BY kafka_topic, kafka_partition
  UNION ALL
  SELECT concat('events|', kafka_topic, '|', toString(kafka_partition)) AS key, max(kafka_offset) AS offset
  FROM (SELECT kafka_topic, kafka_partition, max(kafka_offset) AS kafka_offset FROM events_raw GROUP BY kafka_topic, kafka_partition)
  GROUP BY kafka_topic, kafka_partition`;

const PROGRESS_SQL = `
  SELECT key, argMax(offset, version) AS offset
  FROM unit_values_progress
  WHERE experiment_key = {experiment:String} AND layout = {layout:UInt64}
  GROUP BY key`;

const THIS_PASS = 'experiment_key = {experiment:String} AND layout = {layout:UInt64} AND pass = {pass:UInt64}';
const PASS_UNITS = `SELECT unit_id FROM unit_values_changed WHERE ${THIS_PASS}`;

const STATE_COLUMNS = 'experiment_key, layout, unit_id, variant, variant_count, exposed_ms, ys, xs, has, version';
const insertRows = (columnCount: number, units: UnitSelection) => `
  INSERT INTO unit_values (${STATE_COLUMNS})
  SELECT {experiment:String}, {layout:UInt64}, unit_id, variant, variant_count, exposed_ms, ys, xs, has, {version:UInt64}
  FROM (${unitRowsSql(columnCount, units, PASS_UNITS)})`;

let sequence = 0;
/** Increasing within a process and across restarts (the clock, in microseconds, plus a counter). */
const nextVersion = () => Date.now() * 1000 + (sequence++ % 1000);

/** The lowest first offset of the source's changed partitions (none changed: past every offset). */
function lowestFrom(changed: { key: string }[], progress: Map<string, number>, source: 'exposures' | 'events'): number {
  const from = changed.filter((m) => m.key.startsWith(`${source}|`)).map((m) => (progress.get(m.key) ?? -1) + 1);
  return Math.min(Number.MAX_SAFE_INTEGER, ...from);
}

/** A marker key that says "this layout was built", so an experiment without data is not rebuilt each pass. */
const BUILT = 'built';

export interface UnitValuesTuning {
  /** Past this many changed units, computing every unit again (in slices) is cheaper than replacing them. */
  rebuildAboveUnits: number;
  /** Exposures per statement of a rebuild: bounds its memory (about 1.5 GB per million exposures at their peak here). */
  exposuresPerSlice: number;
}

export const DEFAULT_UNIT_VALUES_TUNING: UnitValuesTuning = { rebuildAboveUnits: 1_000_000, exposuresPerSlice: 4_000_000 };

/**
 * Every unit again: this experiment's other layouts go (its metrics changed), their progress first
 * so that no layout claims rows that are gone; then the rows, an interrupted build's included;
 * then the units, in slices by unit hash.
 */
async function rebuild(clickhouse: ClickHousePort, params: Record<string, unknown>, columnCount: number, exposuresPerSlice: number): Promise<void> {
  await clickhouse.exec('DELETE FROM unit_values_progress WHERE experiment_key = {experiment:String} AND layout != {layout:UInt64}', params);
  await clickhouse.exec('DELETE FROM unit_values WHERE experiment_key = {experiment:String}', params);
  const [{ exposures }] = await clickhouse.query<{ exposures: string }>('SELECT count() AS exposures FROM exposures_raw WHERE experiment_key = {experiment:String}', params);
  const chunks = Math.max(1, Math.ceil(Number(exposures) / exposuresPerSlice));
  const version = nextVersion();
  for (let chunk = 0; chunk < chunks; chunk++) await clickhouse.exec(insertRows(columnCount, 'chunk'), { ...params, version, chunk, chunks });
}

/** Brings the experiment's `unit_values` rows for this layout up to date (see the comment above). */
export async function refreshUnitValues(
  clickhouse: ClickHousePort,
  request: { experimentKey: string; layout: ColumnLayout; covariateWindowMs: number },
  tuning: UnitValuesTuning = DEFAULT_UNIT_VALUES_TUNING,
): Promise<UnitValuesRefresh> {
  const layout = layoutId(request.layout, request.covariateWindowMs);
  const params = {
    experiment: request.experimentKey,
    layout,
    covariateMs: Math.round(request.covariateWindowMs),
    ...columnParameters(request.layout),
  };
  const marks = (await clickhouse.query(MARKS_SQL, params)).map((row) => markSchema.parse(row));
  const progress = new Map((await clickhouse.query(PROGRESS_SQL, params)).map((row) => markSchema.parse(row)).map((m) => [m.key, m.offset]));
  const columnCount = request.layout.columns.length;

  const changed = marks.filter((m) => m.offset > (progress.get(m.key) ?? -1));
  if (progress.has(BUILT) && changed.length === 0) return { kind: 'current' };

  let kind: UnitValuesRefresh['kind'] = 'rebuild';
  if (progress.has(BUILT)) {
    // The changed units, found once and kept for this pass, so that the count and the insert below
    // act on exactly the same units whatever arrives meanwhile (a TTL drops them after an hour).
    const passVersion = nextVersion();
    const pass = { ...params, pass: passVersion, version: passVersion };
    await clickhouse.exec(
      `INSERT INTO unit_values_changed (experiment_key, layout, pass, unit_id)
       SELECT DISTINCT {experiment:String}, {layout:UInt64}, {pass:UInt64}, unit_id FROM (${CHANGED_UNITS})`,
      {
        ...pass,
        rangeKeys: changed.map((m) => m.key),
        rangeFrom: changed.map((m) => (progress.get(m.key) ?? -1) + 1),
        rangeTo: changed.map((m) => m.offset),
        exposuresFrom: lowestFrom(changed, progress, 'exposures'),
        eventsFrom: lowestFrom(changed, progress, 'events'),
      },
    );
    const [{ units }] = await clickhouse.query<{ units: string }>(`SELECT count() AS units FROM unit_values_changed WHERE ${THIS_PASS}`, pass);
    if (Number(units) <= tuning.rebuildAboveUnits) {
      kind = 'update';
      await clickhouse.exec(insertRows(columnCount, 'changed'), pass);
    }
  }
  if (kind === 'rebuild') await rebuild(clickhouse, params, columnCount, tuning.exposuresPerSlice);
  const version = nextVersion();
  await clickhouse.insert(
    'unit_values_progress',
    [{ key: BUILT, offset: 0 }, ...marks].map((m) => ({ experiment_key: request.experimentKey, layout, key: m.key, offset: m.offset, version })),
  );
  return { kind };
}
