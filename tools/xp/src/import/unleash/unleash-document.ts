import { z } from 'zod';

const ConstraintSchema = z.looseObject({
  contextName: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
  value: z.string().optional(),
  inverted: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
});
export type UnleashConstraint = z.infer<typeof ConstraintSchema>;

const VariantSchema = z.looseObject({
  name: z.string(),
  weight: z.number(),
  weightType: z.string().optional(),
  stickiness: z.string().optional(),
  payload: z.looseObject({ type: z.string(), value: z.string() }).optional(),
  overrides: z.array(z.looseObject({ contextName: z.string(), values: z.array(z.string()) })).optional(),
});
export type UnleashVariant = z.infer<typeof VariantSchema>;

const StrategySchema = z.looseObject({
  name: z.string(),
  id: z.string().optional(),
  featureName: z.string().optional(),
  environment: z.string().optional(),
  title: z.string().nullish(),
  disabled: z.boolean().nullish(),
  sortOrder: z.number().optional(),
  parameters: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  constraints: z.array(ConstraintSchema).default([]),
  segments: z.array(z.number()).default([]),
  variants: z.array(VariantSchema).default([]),
});
export type UnleashStrategy = z.infer<typeof StrategySchema>;

const DependencySchema = z.looseObject({ feature: z.string(), enabled: z.boolean().optional(), variants: z.array(z.string()).optional() });
export type UnleashDependency = z.infer<typeof DependencySchema>;

const SegmentSchema = z.looseObject({ id: z.number(), name: z.string(), constraints: z.array(ConstraintSchema).default([]) });
export type UnleashSegment = z.infer<typeof SegmentSchema>;

/** The client API shape (`/api/client/features`): one environment, strategies inline. */
const ClientFeaturesSchema = z.looseObject({
  features: z.array(
    z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      enabled: z.boolean(),
      strategies: z.array(StrategySchema).default([]),
      variants: z.array(VariantSchema).nullish(),
      dependencies: z.array(DependencySchema).optional(),
    }),
  ),
  segments: z.array(SegmentSchema).default([]),
});

/** The admin export (`/api/admin/features-batch/export`): strategies and enablement per environment. */
const ExportSchema = z.looseObject({
  features: z.array(z.looseObject({ name: z.string(), description: z.string().nullish() })),
  featureStrategies: z.array(StrategySchema.extend({ featureName: z.string() })).default([]),
  featureEnvironments: z
    .array(z.looseObject({ featureName: z.string(), environment: z.string(), enabled: z.boolean(), variants: z.array(VariantSchema).nullish() }))
    .default([]),
  segments: z.array(SegmentSchema).default([]),
  dependencies: z.array(z.looseObject({ feature: z.string(), dependencies: z.array(DependencySchema) })).default([]),
});

export interface UnleashFeature {
  name: string;
  description: string;
  enabled: boolean;
  strategies: UnleashStrategy[];
  variants: UnleashVariant[];
  dependencies: UnleashDependency[];
}

export interface UnleashDocument {
  environment: string | null;
  features: UnleashFeature[];
  segments: UnleashSegment[];
}

/** Either document shape, reduced to one environment's features (`environment`; the only one when omitted). */
export function readUnleashDocument(json: unknown, environment?: string): UnleashDocument {
  const asExport = ExportSchema.safeParse(json);
  if (asExport.success && (asExport.data.featureEnvironments.length > 0 || asExport.data.featureStrategies.length > 0)) {
    const doc = asExport.data;
    const environments = [...new Set(doc.featureEnvironments.map((e) => e.environment))];
    const env = environment ?? (environments.length === 1 ? environments[0] : undefined);
    if (!env) throw new Error(`the export holds environments ${environments.join(', ')}: choose one with --environment`);
    if (!environments.includes(env)) throw new Error(`no environment '${env}' in the export (it has ${environments.join(', ')})`);
    const features = doc.features.map((f) => {
      const state = doc.featureEnvironments.find((e) => e.featureName === f.name && e.environment === env);
      const strategies = doc.featureStrategies
        .filter((s) => s.featureName === f.name && (s.environment ?? env) === env)
        .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
      return {
        name: f.name,
        description: f.description ?? '',
        enabled: state?.enabled ?? false,
        strategies,
        variants: state?.variants ?? [],
        dependencies: doc.dependencies.find((d) => d.feature === f.name)?.dependencies ?? [],
      };
    });
    return { environment: env, features, segments: doc.segments };
  }
  const client = ClientFeaturesSchema.parse(json);
  return {
    environment: environment ?? null,
    features: client.features.map((f) => ({
      name: f.name,
      description: f.description ?? '',
      enabled: f.enabled,
      strategies: f.strategies,
      variants: f.variants ?? [],
      dependencies: f.dependencies ?? [],
    })),
    segments: client.segments,
  };
}
