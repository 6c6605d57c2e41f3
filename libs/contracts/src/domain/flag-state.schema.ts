import { z } from 'zod';
import { DEFAULT_ENVIRONMENT, EnvironmentKeySchema } from './environment.schema';
import { addEnvironmentFlagIssues, addSharedFlagIssues, FlagFieldsSchema, type Flag } from './flag.schema';

/** The fields of a flag that each environment has its own copy of. */
export const FLAG_ENVIRONMENT_FIELDS = ['enabled', 'rules', 'overrides'] as const;

/** One environment's part of a flag: its kill switch, rules and overrides. */
export const FlagEnvironmentSchema = FlagFieldsSchema.pick({ enabled: true, rules: true, overrides: true });
export type FlagEnvironment = z.infer<typeof FlagEnvironmentSchema>;
export type FlagEnvironmentInput = z.input<typeof FlagEnvironmentSchema>;

/** An environment the flag has no part in: off, no rules, no overrides. */
export const ABSENT_FLAG_ENVIRONMENT: FlagEnvironment = Object.freeze({ enabled: false, rules: [], overrides: {} }) as FlagEnvironment;

/** Prefixes every issue a check raises, so one environment's problems are named by their full path. */
function prefixed(ctx: z.RefinementCtx, prefix: PropertyKey[]): z.RefinementCtx {
  return { ...ctx, addIssue: (issue) => ctx.addIssue(typeof issue === 'string' ? issue : { ...issue, path: [...prefix, ...(issue.path ?? [])] }) } as z.RefinementCtx;
}

/**
 * A flag as config-service stores it: the fields every environment shares, and per environment its
 * `enabled`, `rules` and `overrides` (an environment missing from the map serves the off variant).
 */
export const StoredFlagSchema = FlagFieldsSchema.omit({ enabled: true, rules: true, overrides: true })
  .extend({ environments: z.record(EnvironmentKeySchema, FlagEnvironmentSchema).default({}) })
  .superRefine((flag, ctx) => {
    addSharedFlagIssues(flag, ctx);
    for (const [environment, part] of Object.entries(flag.environments)) {
      addEnvironmentFlagIssues(flag.variants, { hashing: flag.hashing, ...part }, prefixed(ctx, ['environments', environment]));
    }
  });
export type StoredFlag = z.infer<typeof StoredFlagSchema>;
export type StoredFlagInput = z.input<typeof StoredFlagSchema>;

/**
 * A flag state written before environments existed (flat) becomes that flag's `production` part; a
 * stored state is returned as it is. Only reshapes (no validation): for states already validated.
 */
export function liftFlatFlag(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || 'environments' in raw) return raw;
  const { enabled, rules, overrides, ...shared } = raw as Record<string, unknown>;
  return { ...shared, environments: { [DEFAULT_ENVIRONMENT]: { enabled, rules, overrides } } };
}

/** Reads any stored flag state, old flat events included (they read as `environments.production`). */
export const FlagStateSchema = z.preprocess(liftFlatFlag, StoredFlagSchema);

export function readFlagState(state: unknown): StoredFlag {
  return FlagStateSchema.parse(state);
}

/** The flag as one environment evaluates it: today's flat `Flag`, which libs/evaluation takes unchanged. */
export function flagForEnvironment(flag: StoredFlag, environment: string): Flag {
  const { environments, ...shared } = flag;
  const part = Object.prototype.hasOwnProperty.call(environments, environment) ? environments[environment] : ABSENT_FLAG_ENVIRONMENT;
  return { ...shared, enabled: part.enabled, rules: part.rules, overrides: part.overrides };
}

/** Every environment's part of a stored (or old flat) state, without validating it again. */
export function flagEnvironmentsOf(state: Record<string, unknown>): Record<string, FlagEnvironment> {
  return (liftFlatFlag(state) as StoredFlag).environments ?? {};
}
