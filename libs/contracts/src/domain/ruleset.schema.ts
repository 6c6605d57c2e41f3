import { z } from 'zod';
import { ExperimentSchema } from './experiment.schema';
import { FlagSchema } from './flag.schema';
import { HoldoutSchema } from './holdout.schema';
import { SegmentSchema } from './segment.schema';

/** Everything the evaluation engine needs, as served to SDKs. Layers are derived from experiments. */
export const RulesetSchema = z.object({
  version: z.number().int().min(0),
  flags: z.array(FlagSchema),
  segments: z.array(SegmentSchema).default([]),
  experiments: z.array(ExperimentSchema).default([]),
  holdouts: z.array(HoldoutSchema).default([]),
});
export type Ruleset = z.infer<typeof RulesetSchema>;
export type RulesetInput = z.input<typeof RulesetSchema>;
