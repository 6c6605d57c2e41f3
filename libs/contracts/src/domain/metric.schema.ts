import { z } from 'zod';
import { KeySchema } from './key.schema';

/**
 * What one unit contributes, from its events inside the metric's attribution window:
 * - binomial: 1 if the unit had at least one event, else 0 (conversion rate);
 * - count: how many events (events per unit);
 * - sum: the sum of the event values (per-unit total, e.g. revenue per user);
 * - mean: the average of the unit's event values (per-unit mean, e.g. a user's average order value);
 *   units without an event in the window are left out;
 * - ratio: Σ numerator / Σ denominator over the arm's units (e.g. latency per request, revenue per
 *   order), with the delta-method variance over units;
 * - quantile: a quantile of the event values of all the arm's events (e.g. p95 latency), with an
 *   interval that accounts for several events per unit.
 */
export const MetricKindSchema = z.enum(['binomial', 'count', 'sum', 'mean', 'ratio', 'quantile']);
export type MetricKind = z.infer<typeof MetricKindSchema>;

export const MetricDirectionSchema = z.enum(['increase', 'decrease']);

const PropertySchema = z.string().min(1).max(200);

/** The denominator of a ratio metric: its events counted, or a numeric property summed. */
export const RatioDenominatorSchema = z.object({
  eventName: z.string().min(1).max(200),
  valueProperty: PropertySchema.optional(),
});
export type RatioDenominator = z.infer<typeof RatioDenominatorSchema>;

const VALUE_KINDS: readonly MetricKind[] = ['sum', 'mean', 'quantile'];
const CAPPED_KINDS: readonly MetricKind[] = ['count', 'sum', 'mean', 'ratio'];

export const MetricSchema = z
  .object({
    key: KeySchema,
    description: z.string().max(2000).default(''),
    eventName: z.string().min(1).max(200),
    kind: MetricKindSchema,
    /** Event property carrying the value; required for sum, mean and quantile; for ratio, the numerator's (its events are counted when unset). */
    valueProperty: PropertySchema.optional(),
    /** Which direction of change is good. */
    direction: MetricDirectionSchema.default('increase'),
    /** Ratio metrics: what the numerator is divided by. */
    denominator: RatioDenominatorSchema.optional(),
    /** Quantile metrics: which quantile of the event values, e.g. 0.95 for p95. */
    quantile: z.number().gt(0).lt(1).optional(),
    /** Events this long after a unit's first exposure count; the service default (7 days) when unset. */
    attributionWindowHours: z.number().positive().max(24 * 366).optional(),
    /** Per-unit values above the cap are clipped to it (absolute winsorisation). */
    cap: z.number().positive().finite().optional(),
    /** Per-unit values above this percentile of all analysed units' values are clipped to it (e.g. 0.99). */
    capPercentile: z.number().gt(0).lt(1).optional(),
    /** With capPercentile: compute the percentile over units with a non-zero value only. */
    capIgnoreZeros: z.boolean().optional(),
  })
  .superRefine((metric, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (VALUE_KINDS.includes(metric.kind) && !metric.valueProperty) issue('valueProperty', `required for ${metric.kind} metrics`);
    if (metric.kind === 'ratio' && !metric.denominator) issue('denominator', 'required for ratio metrics');
    if (metric.kind !== 'ratio' && metric.denominator) issue('denominator', 'only ratio metrics have a denominator');
    if (metric.kind === 'quantile' && metric.quantile === undefined) issue('quantile', 'required for quantile metrics (e.g. 0.95)');
    if (metric.kind !== 'quantile' && metric.quantile !== undefined) issue('quantile', 'only quantile metrics have a quantile');
    if ((metric.cap !== undefined || metric.capPercentile !== undefined) && !CAPPED_KINDS.includes(metric.kind)) {
      issue(metric.cap !== undefined ? 'cap' : 'capPercentile', `${metric.kind} metrics are not capped`);
    }
    if (metric.cap !== undefined && metric.capPercentile !== undefined) issue('capPercentile', 'set either cap or capPercentile, not both');
    if (metric.capIgnoreZeros !== undefined && metric.capPercentile === undefined) issue('capIgnoreZeros', 'only applies with capPercentile');
  });
export type Metric = z.infer<typeof MetricSchema>;
export type MetricInput = z.input<typeof MetricSchema>;
