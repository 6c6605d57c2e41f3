import { z } from 'zod';
import { EnvironmentSchema } from '../domain/environment.schema';
import { ExperimentSchema } from '../domain/experiment.schema';
import { FlagSchema } from '../domain/flag.schema';
import { StoredFlagSchema } from '../domain/flag-state.schema';
import { HoldoutSchema } from '../domain/holdout.schema';
import { MetricSchema } from '../domain/metric.schema';
import { SegmentSchema } from '../domain/segment.schema';

/**
 * `xp export` / `xp import`: the whole configuration as code, each entity as its API's GET body
 * minus server fields (version, timestamps). A flag is either per environment (`environments`) or flat
 * (one environment's fields, as before environments existed).
 */
export const ConfigFileSchema = z.object({
  environments: z.array(EnvironmentSchema).default([]),
  segments: z.array(SegmentSchema).default([]),
  metrics: z.array(MetricSchema).default([]),
  flags: z.array(z.union([StoredFlagSchema, FlagSchema])).default([]),
  experiments: z.array(ExperimentSchema).default([]),
  holdouts: z.array(HoldoutSchema).default([]),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** The entity kinds of a config file, in the order they are written (dependencies first). */
export const CONFIG_FILE_KINDS = ['environments', 'segments', 'metrics', 'flags', 'experiments', 'holdouts'] as const;
export type ConfigFileKind = (typeof CONFIG_FILE_KINDS)[number];

/** The JSON Schema editors validate an exported file with (committed as tools/xp/xp-config.schema.json). */
export function configFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ConfigFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
