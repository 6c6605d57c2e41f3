import { z } from 'zod';

export const CONDITION_OPERATORS = [
  'eq', 'neq', 'in', 'notIn',
  'contains', 'startsWith', 'endsWith', 'regex',
  'gt', 'gte', 'lt', 'lte',
  'before', 'after',
  'semverEq', 'semverGt', 'semverGte', 'semverLt', 'semverLte',
  'exists', 'inSegment',
] as const;

export const ConditionOperatorSchema = z.enum(CONDITION_OPERATORS);
export type ConditionOperator = z.infer<typeof ConditionOperatorSchema>;

/** How many values each operator takes and of which kind; checked when a condition is written. */
export type OperandKind = 'scalar' | 'string' | 'number' | 'date' | 'semver' | 'regex' | 'segment' | 'none';

export const OPERAND_RULES: Record<ConditionOperator, { kind: OperandKind; single: boolean }> = {
  eq: { kind: 'scalar', single: true },
  neq: { kind: 'scalar', single: true },
  in: { kind: 'scalar', single: false },
  notIn: { kind: 'scalar', single: false },
  contains: { kind: 'string', single: false },
  startsWith: { kind: 'string', single: false },
  endsWith: { kind: 'string', single: false },
  regex: { kind: 'regex', single: false },
  gt: { kind: 'number', single: true },
  gte: { kind: 'number', single: true },
  lt: { kind: 'number', single: true },
  lte: { kind: 'number', single: true },
  before: { kind: 'date', single: true },
  after: { kind: 'date', single: true },
  semverEq: { kind: 'semver', single: true },
  semverGt: { kind: 'semver', single: true },
  semverGte: { kind: 'semver', single: true },
  semverLt: { kind: 'semver', single: true },
  semverLte: { kind: 'semver', single: true },
  exists: { kind: 'none', single: false },
  inSegment: { kind: 'segment', single: false },
};
