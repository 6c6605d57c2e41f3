import { z } from 'zod';
import { KeySchema } from './key.schema';

/** binomial: did the unit do it; count: how many times; sum / mean: of a numeric event property. */
export const MetricKindSchema = z.enum(['binomial', 'count', 'sum', 'mean']);
export type MetricKind = z.infer<typeof MetricKindSchema>;

export const MetricDirectionSchema = z.enum(['increase', 'decrease']);

export const MetricSchema = z
  .object({
    key: KeySchema,
    description: z.string().max(2000).default(''),
    eventName: z.string().min(1).max(200),
    kind: MetricKindSchema,
    /** Event property carrying the value; required for sum and mean. */
    valueProperty: z.string().min(1).max(200).optional(),
    /** Which direction of change is good. */
    direction: MetricDirectionSchema.default('increase'),
    /** Per-unit values above the cap are clipped to it (winsorizing outliers). */
    cap: z.number().positive().finite().optional(),
  })
  .superRefine((metric, ctx) => {
    if ((metric.kind === 'sum' || metric.kind === 'mean') && !metric.valueProperty) {
      ctx.addIssue({ code: 'custom', path: ['valueProperty'], message: `required for ${metric.kind} metrics` });
    }
  });
export type Metric = z.infer<typeof MetricSchema>;
export type MetricInput = z.input<typeof MetricSchema>;
