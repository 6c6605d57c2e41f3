import { createHash } from 'node:crypto';
import type { ClickHousePort } from '@xp/clickhouse';
import { z } from 'zod';
import { columnParameters, type ColumnLayout } from './metric-columns';
import { CHANGED_UNITS, unitRowsSql } from './unit-values.sql';

/*
 * `unit_values` keeps one row per (experiment, layout, unit): the unit's uncapped per-unit values
 * (unit-values.sql.ts), so that a results query scans one row per unit instead of joining every
 * exposure to every event of the whole history. It is brought up to date before each analysis:
 *
 *   1. marks: the highest Kafka offset per (table, topic, partition) now in exposures_raw (this
 *      experiment) and events_raw (the layout's events); ingestion inserts each partition's records
 *      in offset order, one part per batch, so everything up to a mark is there.
 *   2. progress: the marks folded in last time (`unit_values_progress`). None: the layout is new
 *      (or its metrics changed), and every unit is computed (a rebuild).
 *   3. changed units: those with rows in (progress, mark] on some partition. Their rows are
 *      deleted and computed again from the raw tables (all their rows, not only the new ones).
 *   4. the marks become the progress.
 *
 * A crash anywhere leaves the progress where it was, so the next pass redoes the same units (and
 * more): deleting before inserting makes that harmless, and a unit is never in the table twice
 * because both statements select the same units (the ranges are fixed by the marks). A redelivered
 * batch is dropped by ingestion's deduplication or, stored again, only marks its units changed.
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

const MARKS_SQL = `
  SELECT concat('exposures|', kafka_topic, '|', toString(kafka_partition)) AS key, max(kafka_offset) AS offset
  FROM exposures_raw WHERE experiment_key = {experiment:String} GROUP BY kafka_topic, kafka_partition
  UNION ALL
  SELECT concat('events|', kafka_topic, '|', toString(kafka_partition)) AS key, max(kafka_offset) AS offset
  FROM events_raw WHERE event IN {events:Array(String)} GROUP BY kafka_topic, kafka_partition`;

const PROGRESS_SQL = `
  SELECT key, argMax(offset, version) AS offset
  FROM unit_values_progress
  WHERE experiment_key = {experiment:String} AND layout = {layout:UInt64}
  GROUP BY key`;

const STATE_COLUMNS = 'experiment_key, layout, unit_id, variant, variant_count, exposed_ms, ys, xs, has';
const insertRows = (columnCount: number, units: 'all' | 'changed') => `
  INSERT INTO unit_values (${STATE_COLUMNS})
  SELECT {experiment:String}, {layout:UInt64}, unit_id, variant, variant_count, exposed_ms, ys, xs, has
  FROM (${unitRowsSql(columnCount, units)})`;

let sequence = 0;
/** Increasing within a process and across restarts (the clock, in microseconds, plus a counter). */
const nextVersion = () => Date.now() * 1000 + (sequence++ % 1000);

/** A marker key that says "this layout was built", so an experiment without data is not rebuilt each pass. */
const BUILT = 'built';

/** Brings the experiment's `unit_values` rows for this layout up to date (see the comment above). */
export async function refreshUnitValues(
  clickhouse: ClickHousePort,
  request: { experimentKey: string; layout: ColumnLayout; covariateWindowMs: number },
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

  let kind: UnitValuesRefresh['kind'];
  if (!progress.has(BUILT)) {
    kind = 'rebuild';
    // This experiment's other layouts (its metrics changed) go, their progress first so that no
    // layout claims rows that are gone; then the rows, an interrupted build's included.
    await clickhouse.exec('DELETE FROM unit_values_progress WHERE experiment_key = {experiment:String} AND layout != {layout:UInt64}', params);
    await clickhouse.exec('DELETE FROM unit_values WHERE experiment_key = {experiment:String}', params);
    await clickhouse.exec(insertRows(columnCount, 'all'), params);
  } else {
    const changed = marks.filter((m) => m.offset > (progress.get(m.key) ?? -1));
    if (changed.length === 0) return { kind: 'current' };
    kind = 'update';
    const ranges = {
      ...params,
      rangeKeys: changed.map((m) => m.key),
      rangeFrom: changed.map((m) => (progress.get(m.key) ?? -1) + 1),
      rangeTo: changed.map((m) => m.offset),
    };
    await clickhouse.exec(
      `DELETE FROM unit_values WHERE experiment_key = {experiment:String} AND layout = {layout:UInt64} AND unit_id IN (${CHANGED_UNITS})`,
      ranges,
    );
    await clickhouse.exec(insertRows(columnCount, 'changed'), ranges);
  }
  const version = nextVersion();
  await clickhouse.insert(
    'unit_values_progress',
    [{ key: BUILT, offset: 0 }, ...marks].map((m) => ({ experiment_key: request.experimentKey, layout, key: m.key, offset: m.offset, version })),
  );
  return { kind };
}
