import { z } from 'zod';

export const CONDITION_OPERATORS = [
  'eq', 'neq', 'in', 'notIn',
  'contains', 'startsWith', 'endsWith', 'regex',
  'gt', 'gte', 'lt', 'lte',
  'before', 'after',
  'semverEq', 'semverGt', 'semverGte', 'semverLt', 'semverLte',
  'exists', 'inSegment',
  // List attributes (roles, groups, tags): any / all of the values among the list's items, the list's size.
  'containsAny', 'containsAll',
  'sizeEq', 'sizeGt', 'sizeGte', 'sizeLt', 'sizeLte',
  // IP attributes inside any of the CIDR ranges (or equal to a listed address), IPv4 and IPv6.
  'inCidr',
  // String ordering by UTF-16 code units, as JavaScript's `<` (GrowthBook's $gt/$lt on strings).
  'strGt', 'strGte', 'strLt', 'strLte',
] as const;

export const ConditionOperatorSchema = z.enum(CONDITION_OPERATORS);
export type ConditionOperator = z.infer<typeof ConditionOperatorSchema>;

/** How many values each operator takes and of which kind; checked when a condition is written. */
export type OperandKind =
  | 'scalar' | 'structural' | 'string' | 'number' | 'count' | 'cidr' | 'date' | 'semver' | 'regex' | 'segment' | 'none';

export const OPERAND_RULES: Record<ConditionOperator, { kind: OperandKind; single: boolean }> = {
  eq: { kind: 'structural', single: true },
  neq: { kind: 'structural', single: true },
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
  containsAny: { kind: 'scalar', single: false },
  containsAll: { kind: 'scalar', single: false },
  sizeEq: { kind: 'count', single: true },
  sizeGt: { kind: 'count', single: true },
  sizeGte: { kind: 'count', single: true },
  sizeLt: { kind: 'count', single: true },
  sizeLte: { kind: 'count', single: true },
  inCidr: { kind: 'cidr', single: false },
  strGt: { kind: 'string', single: true },
  strGte: { kind: 'string', single: true },
  strLt: { kind: 'string', single: true },
  strLte: { kind: 'string', single: true },
};

