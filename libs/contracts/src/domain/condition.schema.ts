import { z } from 'zod';
import { valid as validSemver } from 'semver';
import { isCidrOperand } from './cidr';
import { lenientSemver } from './lenient-semver';
import { ConditionOperatorSchema, OPERAND_RULES, OperandKind } from './condition-operator';
import { KEY_PATTERN } from './key.schema';
import { regexSafetyProblem } from './regex-safety';

/** ISO 8601 date (`2024-05-01`) or date-time with optional offset (`2024-05-01T10:00:00Z`). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export const ConditionScalarSchema = z.union([z.string().max(1024), z.number().finite(), z.boolean()]);
export type ConditionScalar = z.infer<typeof ConditionScalarSchema>;
/** A list operand is compared structurally (same items in the same order) by `eq`/`neq` only. */
export const ConditionValueSchema = z.union([ConditionScalarSchema, z.array(ConditionScalarSchema).max(1000)]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

export const ConditionSchema = z
  .object({
    attribute: z.string().min(1).max(256),
    operator: ConditionOperatorSchema,
    values: z.array(ConditionValueSchema).max(1000).default([]),
    negate: z.boolean().default(false),
    caseInsensitive: z.boolean().default(false),
    /**
     * Opt-in leniency for values written by other tools: semver operators accept padded or short versions
     * (`1.0`, `V1.0.0`, ` 2 `); number operators accept numeric strings (Unleash sends every context value as a string).
     */
    lenient: z.boolean().optional(),
  })
  .superRefine((condition, ctx) => {
    const rule = OPERAND_RULES[condition.operator];
    const { values } = condition;
    if (rule.kind === 'none') {
      if (values.length > 0) ctx.addIssue({ code: 'custom', path: ['values'], message: `${condition.operator} takes no values` });
      return;
    }
    if (rule.single && values.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `${condition.operator} takes exactly one value` });
    } else if (values.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `${condition.operator} takes at least one value` });
    }
    values.forEach((value, i) => {
      const problem = operandProblem(rule.kind, value, condition.lenient === true);
      if (problem) ctx.addIssue({ code: 'custom', path: ['values', i], message: problem });
    });
  });
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionInput = z.input<typeof ConditionSchema>;

function operandProblem(kind: OperandKind, value: ConditionValue, lenient: boolean): string | undefined {
  if (Array.isArray(value) && kind !== 'structural') return 'a list operand is only allowed with eq and neq';
  switch (kind) {
    case 'scalar':
    case 'structural':
      return undefined;
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : 'must be a whole number >= 0';
    case 'cidr':
      return typeof value === 'string' && isCidrOperand(value) ? undefined : 'must be an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8)';
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : 'must be an ISO 8601 date or date-time';
    case 'semver':
      if (typeof value !== 'string') return 'must be a valid semantic version';
      if (lenient) return lenientSemver(value) !== null ? undefined : 'must be a version such as 1.2.3, 1.2 or v1';
      return validSemver(value) !== null ? undefined : 'must be a valid semantic version';
    case 'segment':
      return typeof value === 'string' && KEY_PATTERN.test(value) ? undefined : 'must be a segment key';
    case 'regex':
      return typeof value === 'string' ? regexProblem(value) : 'must be a regular expression string';
    default:
      return undefined;
  }
}

function regexProblem(pattern: string): string | undefined {
  const unsafe = regexSafetyProblem(pattern);
  if (unsafe) return `unsafe regular expression: ${unsafe}`;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
}
