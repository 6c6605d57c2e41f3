import { z } from 'zod';
import { valid as validSemver } from 'semver';
import { ConditionOperatorSchema, OPERAND_RULES, OperandKind } from './condition-operator';
import { KEY_PATTERN } from './key.schema';
import { regexSafetyProblem } from './regex-safety';

/** ISO 8601 date (`2024-05-01`) or date-time with optional offset (`2024-05-01T10:00:00Z`). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export const ConditionValueSchema = z.union([z.string().max(1024), z.number().finite(), z.boolean()]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

export const ConditionSchema = z
  .object({
    attribute: z.string().min(1).max(256),
    operator: ConditionOperatorSchema,
    values: z.array(ConditionValueSchema).max(1000).default([]),
    negate: z.boolean().default(false),
    caseInsensitive: z.boolean().default(false),
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
      const problem = operandProblem(rule.kind, value);
      if (problem) ctx.addIssue({ code: 'custom', path: ['values', i], message: problem });
    });
  });
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionInput = z.input<typeof ConditionSchema>;

function operandProblem(kind: OperandKind, value: ConditionValue): string | undefined {
  switch (kind) {
    case 'scalar':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : 'must be an ISO 8601 date or date-time';
    case 'semver':
      return typeof value === 'string' && validSemver(value) !== null ? undefined : 'must be a valid semantic version';
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
