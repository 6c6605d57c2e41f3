import { type ConditionInput, isCidrOperand, isIsoDate } from '@xp/contracts';
import { linearRegexProblem } from '@xp/evaluation';
import { valid as validSemver } from 'semver';
import { CannotTranslate } from '../import-plan';
import type { UnleashConstraint } from './unleash-document';

const NUMBER_OPERATORS = { NUM_EQ: 'eq', NUM_GT: 'gt', NUM_GTE: 'gte', NUM_LT: 'lt', NUM_LTE: 'lte' } as const;
const STRING_OPERATORS = { STR_CONTAINS: 'contains', STR_STARTS_WITH: 'startsWith', STR_ENDS_WITH: 'endsWith' } as const;
const SEMVER_OPERATORS = { SEMVER_EQ: 'semverEq', SEMVER_GT: 'semverGt', SEMVER_GTE: 'semverGte', SEMVER_LT: 'semverLt', SEMVER_LTE: 'semverLte' } as const;

/** unleash-client drops empty values and trims the others. */
const cleanValues = (values: readonly string[] = []) => values.filter((v) => v !== '').map((v) => v.trim());

/**
 * One Unleash constraint as one condition, with unleash-client's semantics kept:
 * - `inverted` is `negate`, applied after the operator, as Unleash does (so an inverted constraint on a missing
 *   field holds); NOT_IN is a negated `in`, true for a missing field as in Unleash.
 * - Unleash context values are strings: NUM_* become lenient number conditions (numeric strings are read).
 * Throws CannotTranslate for what has no faithful equivalent.
 */
export function translateConstraint(constraint: UnleashConstraint): ConditionInput {
  const { contextName: attribute, operator } = constraint;
  const negate = constraint.inverted === true;
  const caseInsensitive = constraint.caseInsensitive === true;
  if (operator === 'IN' || operator === 'NOT_IN') {
    const values = cleanValues(constraint.values);
    if (values.length === 0) throw new CannotTranslate(`${operator} constraint on ${attribute}`, 'no values (Unleash: IN never holds, NOT_IN always does)');
    return { attribute, operator: 'in', values, negate: (operator === 'NOT_IN') !== negate };
  }
  if (operator in STRING_OPERATORS) {
    const values = cleanValues(constraint.values);
    if (values.length === 0) throw new CannotTranslate(`${operator} constraint on ${attribute}`, 'no values: Unleash never matches it');
    return { attribute, operator: STRING_OPERATORS[operator as keyof typeof STRING_OPERATORS], values, negate, caseInsensitive };
  }
  if (operator in NUMBER_OPERATORS) {
    const value = Number(constraint.value);
    if (constraint.value === undefined || Number.isNaN(value)) throw new CannotTranslate(`${operator} constraint on ${attribute}`, `value ${JSON.stringify(constraint.value)} is not a number`);
    return { attribute, operator: NUMBER_OPERATORS[operator as keyof typeof NUMBER_OPERATORS], values: [value], negate, lenient: true };
  }
  if (operator === 'DATE_AFTER' || operator === 'DATE_BEFORE') {
    const value = constraint.value ?? '';
    if (!isIsoDate(value)) throw new CannotTranslate(`${operator} constraint`, `value ${JSON.stringify(value)} is not an ISO 8601 date`);
    // unleash-client compares `currentTime` (the clock when absent); the pure engine has no clock.
    return { attribute: 'currentTime', operator: operator === 'DATE_AFTER' ? 'after' : 'before', values: [value], negate };
  }
  if (operator in SEMVER_OPERATORS) {
    const value = constraint.value ?? '';
    if (!validSemver(value)) throw new CannotTranslate(`${operator} constraint on ${attribute}`, `value ${JSON.stringify(value)} is not a semantic version`);
    return { attribute, operator: SEMVER_OPERATORS[operator as keyof typeof SEMVER_OPERATORS], values: [value], negate };
  }
  if (operator === 'REGEX') {
    const pattern = constraint.value ?? '';
    const problem = linearRegexProblem(pattern);
    if (problem) throw new CannotTranslate(`REGEX constraint on ${attribute}`, `the pattern cannot run on the linear-time engine: ${problem}`);
    return { attribute, operator: 'regex', values: [pattern], negate, caseInsensitive };
  }
  if (operator === 'IN_CIDR') {
    const values = cleanValues(constraint.values);
    const bad = values.filter((v) => !isCidrOperand(v));
    if (bad.length > 0 || values.length === 0) throw new CannotTranslate(`IN_CIDR constraint on ${attribute}`, `not CIDR ranges: ${JSON.stringify(bad)}`);
    return { attribute, operator: 'inCidr', values, negate };
  }
  throw new CannotTranslate(`${operator} constraint on ${attribute}`, 'unknown operator');
}
