import { z } from 'zod';
import { HashingSchema } from './hashing';
import { KeySchema } from './key.schema';
import { type Rule, RuleSchema } from './rule.schema';
import { addDuplicateIssues } from './variant-weights.schema';

export const FLAG_VALUE_TYPES = ['boolean', 'string', 'number', 'json'] as const;
export const FlagValueTypeSchema = z.enum(FLAG_VALUE_TYPES);
export type FlagValueType = z.infer<typeof FlagValueTypeSchema>;

export const JsonValueSchema: z.ZodType<unknown> = z.json();

export const VariantSchema = z.object({ key: KeySchema, value: JsonValueSchema });
export type Variant = z.infer<typeof VariantSchema>;

/** The flag `flagKey` must serve one of `variants` for the dependent flag to be evaluated. */
export const PrerequisiteSchema = z.object({ flagKey: KeySchema, variants: z.array(KeySchema).min(1).max(100) });
export type Prerequisite = z.infer<typeof PrerequisiteSchema>;

export function valueMatchesType(value: unknown, type: FlagValueType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'json':
      return value !== undefined;
  }
}

/** Every field of a flag as one environment sees it; `FlagSchema` adds the checks across fields. */
export const FlagFieldsSchema = z.object({
  key: KeySchema,
  description: z.string().max(2000).default(''),
  valueType: FlagValueTypeSchema,
  variants: z.array(VariantSchema).min(1).max(100),
  /** Served when the flag is disabled, a prerequisite fails, or no rule matches. */
  offVariant: KeySchema,
  /** Kill switch: false serves `offVariant` to everyone. */
  enabled: z.boolean().default(false),
  salt: z.string().min(1).max(200),
  /** Bucketing of the plain rules: this platform's (`xp`, when absent) or a peer's, reproduced exactly (see HASHING_MODES). */
  hashing: HashingSchema.optional(),
  prerequisites: z.array(PrerequisiteSchema).max(50).default([]),
  /** Labels to find flags by (the console and the audit log filter on them). */
  tags: z.array(KeySchema).max(50).default([]),
  rules: z.array(RuleSchema).max(500).default([]),
  /** Forced variants for listed unit ids (QA, demos); applied before prerequisites and rules. */
  overrides: z.record(z.string().min(1).max(256), KeySchema).default({}),
});

type SharedFlagFields = Pick<z.infer<typeof FlagFieldsSchema>, 'key' | 'valueType' | 'variants' | 'offVariant' | 'prerequisites'>;
type EnvironmentFlagFields = Pick<z.infer<typeof FlagFieldsSchema>, 'hashing' | 'rules' | 'overrides'>;

/** Checks of the fields every environment shares: variants, their values, the off variant, prerequisites. */
export function addSharedFlagIssues(flag: SharedFlagFields, ctx: z.RefinementCtx): void {
  addDuplicateIssues(flag.variants.map((v) => v.key), ctx, (i) => ['variants', i, 'key'], 'variant');
  flag.variants.forEach((v, i) => {
    if (!valueMatchesType(v.value, flag.valueType)) {
      ctx.addIssue({ code: 'custom', path: ['variants', i, 'value'], message: `must be a ${flag.valueType}` });
    }
  });
  if (!flag.variants.some((v) => v.key === flag.offVariant)) {
    ctx.addIssue({ code: 'custom', path: ['offVariant'], message: `unknown variant '${flag.offVariant}'` });
  }
  flag.prerequisites.forEach((p, i) => {
    if (p.flagKey === flag.key) ctx.addIssue({ code: 'custom', path: ['prerequisites', i, 'flagKey'], message: 'a flag cannot require itself' });
  });
}

/** Checks of one environment's rules and overrides against the flag's variants and hashing. */
export function addEnvironmentFlagIssues(variants: readonly Variant[], flag: EnvironmentFlagFields, ctx: z.RefinementCtx): void {
  const variantKeys = new Set(variants.map((v) => v.key));
  const unknown = (key: string, path: PropertyKey[]) => {
    if (!variantKeys.has(key)) ctx.addIssue({ code: 'custom', path, message: `unknown variant '${key}'` });
  };
  addDuplicateIssues(flag.rules.map((r) => r.id), ctx, (i) => ['rules', i, 'id'], 'rule id');
  flag.rules.forEach((rule, r) => rule.weights.forEach((w, i) => unknown(w.variant, ['rules', r, 'weights', i, 'variant'])));
  Object.entries(flag.overrides).forEach(([unit, variant]) => unknown(variant, ['overrides', unit]));
  if (flag.hashing === 'unleash') addUnleashGranularityIssues(flag, ctx);
}

/** A flag in one environment: what the evaluation engine and SDKs evaluate. */
export const FlagSchema = FlagFieldsSchema.superRefine((flag, ctx) => {
  addSharedFlagIssues(flag, ctx);
  addEnvironmentFlagIssues(flag.variants, flag, ctx);
});
export type Flag = z.infer<typeof FlagSchema>;
export type FlagInput = z.input<typeof FlagSchema>;

/** Unleash rolls out whole percentages and splits variants in tenths of a percent: finer settings would not be its assignment. */
function addUnleashGranularityIssues(flag: { rules: readonly Rule[] }, ctx: z.RefinementCtx): void {
  flag.rules.forEach((rule, r) => {
    if (rule.experimentKey) return;
    if (!Number.isInteger(rule.rollout)) {
      ctx.addIssue({ code: 'custom', path: ['rules', r, 'rollout'], message: 'unleash hashing rolls out whole percentages' });
    }
    rule.weights.forEach((w, i) => {
      if (w.weight % 10 !== 0) {
        ctx.addIssue({ code: 'custom', path: ['rules', r, 'weights', i, 'weight'], message: 'unleash hashing splits in multiples of 10 basis points (weights out of 1000)' });
      }
    });
  });
}
