import { type ConditionInput, type ConditionScalar, lenientSemver } from '@xp/contracts';
import { linearRegexProblem } from '@xp/evaluation';
import { CannotTranslate, type Conjunction } from '../import-plan';

/** Saved groups referenced by `$inGroup`: returns the segment keys (any of them) holding the group for that attribute. */
export type SavedGroupResolver = (groupId: string, attribute: string) => string[];

export interface ConditionContext {
  savedGroup: SavedGroupResolver;
  /** Differences the translation keeps on purpose (loose JavaScript comparisons), reported once each. */
  note(message: string): void;
}

const MAX_ALTERNATIVES = 32;

/**
 * A GrowthBook (MongoDB-style) condition as alternatives of conjunctions: one rule per alternative, all with the
 * same hashing, so that a unit gets the same answer from whichever alternative matches first. `$in` and `$nin`
 * become the pair GrowthBook means (a scalar attribute in the list, or a list attribute sharing an item).
 */
export function translateCondition(condition: unknown, context: ConditionContext): Conjunction[] {
  if (condition === undefined || condition === null) return [[]];
  if (typeof condition !== 'object' || Array.isArray(condition)) throw new CannotTranslate('condition', 'not an object');
  let result: Conjunction[] = [[]];
  for (const [key, value] of Object.entries(condition)) {
    result = product(result, translateEntry(key, value, context));
  }
  return result;
}

function translateEntry(key: string, value: unknown, context: ConditionContext): Conjunction[] {
  switch (key) {
    case '$or': {
      const list = asArray(value, '$or');
      if (list.length === 0) return [[]];
      const alternatives = list.flatMap((c) => translateCondition(c, context));
      return limit(alternatives);
    }
    case '$and':
      return asArray(value, '$and').reduce<Conjunction[]>((acc, c) => product(acc, translateCondition(c, context)), [[]]);
    case '$nor':
      return [asArray(value, '$nor').map((c) => negate(single(translateCondition(c, context), '$nor')))];
    case '$not':
      return [[negate(single(translateCondition(value, context), '$not'))]];
    default:
      if (key.startsWith('$')) throw new CannotTranslate(`condition operator ${key}`, 'not a GrowthBook top-level operator');
      if (key.includes('.')) context.note(`attribute path '${key}' is read as one attribute named '${key}' (pass nested attributes flattened)`);
      return translateAttribute(key, value, context);
  }
}

function translateAttribute(attribute: string, expected: unknown, context: ConditionContext): Conjunction[] {
  if (typeof expected === 'string') {
    context.note('GrowthBook compares a plain value loosely (`value + "" === condition`); here attributes must have the condition\'s type');
    return [[{ attribute, operator: 'eq', values: [expected] }]];
  }
  if (typeof expected === 'number') return [[{ attribute, operator: 'eq', values: [expected], lenient: true }]];
  if (typeof expected === 'boolean') {
    context.note('GrowthBook matches a boolean condition on truthiness; here the attribute must be that boolean');
    return [[{ attribute, operator: 'eq', values: [expected] }]];
  }
  if (expected === null) throw new CannotTranslate(`${attribute}: null`, 'an attribute explicitly null (but not missing) cannot be told apart here');
  if (Array.isArray(expected)) return [[{ attribute, operator: 'eq', values: [scalars(expected, `${attribute} equality`)] }]];
  const entries = Object.entries(expected as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([k]) => k.startsWith('$'))) {
    throw new CannotTranslate(`${attribute} object equality`, 'structural equality on objects is not supported (lists are)');
  }
  return entries.reduce<Conjunction[]>((acc, [op, v]) => product(acc, translateOperator(attribute, op, v, context)), [[]]);
}

function translateOperator(attribute: string, op: string, v: unknown, context: ConditionContext): Conjunction[] {
  const one = (c: ConditionInput): Conjunction[] => [[c]];
  switch (op) {
    case '$eq':
      return one(Array.isArray(v) ? { attribute, operator: 'eq', values: [scalars(v, op)] } : { attribute, operator: 'eq', values: [scalar(v, op)] });
    case '$ne':
      return one({ attribute, operator: 'eq', values: [Array.isArray(v) ? scalars(v, op) : scalar(v, op)], negate: true });
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const name = op.slice(1) as 'gt' | 'gte' | 'lt' | 'lte';
      if (typeof v === 'number') return one({ attribute, operator: name, values: [v], lenient: true });
      if (typeof v === 'string') {
        const strOp = `str${name[0].toUpperCase()}${name.slice(1)}` as 'strGt' | 'strGte' | 'strLt' | 'strLte';
        return one({ attribute, operator: strOp, values: [v] });
      }
      throw new CannotTranslate(`${attribute} ${op}`, `operand ${JSON.stringify(v)} is neither a number nor a string`);
    }
    case '$exists':
      return one({ attribute, operator: 'exists', negate: !v });
    case '$in':
    case '$ini': {
      const values = scalars(asArray(v, op), op);
      if (values.length === 0) throw new CannotTranslate(`${attribute} ${op} []`, 'never holds in GrowthBook');
      const ci = op === '$ini';
      return [[{ attribute, operator: 'in', values, caseInsensitive: ci }], [{ attribute, operator: 'containsAny', values, caseInsensitive: ci }]];
    }
    case '$nin':
    case '$nini': {
      const values = scalars(asArray(v, op), op);
      if (values.length === 0) return [[]];
      const ci = op === '$nini';
      return [[{ attribute, operator: 'in', values, negate: true, caseInsensitive: ci }, { attribute, operator: 'containsAny', values, negate: true, caseInsensitive: ci }]];
    }
    case '$all':
      return one({ attribute, operator: 'containsAll', values: scalars(asArray(v, op), op) });
    case '$size':
      if (typeof v === 'number') return one({ attribute, operator: 'sizeEq', values: [v] });
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return [Object.entries(v).map(([sizeOp, n]) => {
          const map: Record<string, ConditionInput['operator']> = { $eq: 'sizeEq', $gt: 'sizeGt', $gte: 'sizeGte', $lt: 'sizeLt', $lte: 'sizeLte' };
          if (!map[sizeOp] || typeof n !== 'number') throw new CannotTranslate(`${attribute} $size ${sizeOp}`, 'only $eq/$gt/$gte/$lt/$lte on a number');
          return { attribute, operator: map[sizeOp], values: [n] };
        })];
      }
      throw new CannotTranslate(`${attribute} $size`, `operand ${JSON.stringify(v)}`);
    case '$regex':
    case '$regexi':
    case '$notRegex':
    case '$notRegexi': {
      if (typeof v !== 'string') throw new CannotTranslate(`${attribute} ${op}`, 'the pattern is not a string');
      const problem = linearRegexProblem(v);
      if (problem) throw new CannotTranslate(`${attribute} ${op} /${v}/`, `the pattern cannot run on the linear-time engine: ${problem}`);
      return one({ attribute, operator: 'regex', values: [v], caseInsensitive: op.endsWith('i'), negate: op.startsWith('$not') });
    }
    case '$veq':
    case '$vne':
    case '$vgt':
    case '$vgte':
    case '$vlt':
    case '$vlte': {
      if (typeof v !== 'string' || !lenientSemver(v)) throw new CannotTranslate(`${attribute} ${op} ${JSON.stringify(v)}`, 'not a version');
      context.note("GrowthBook's padded version strings are compared here as lenient semantic versions (1.0 = 1.0.0, v1 = 1.0.0); versions with more than three numbers do not compare");
      const map = { $veq: 'semverEq', $vne: 'semverEq', $vgt: 'semverGt', $vgte: 'semverGte', $vlt: 'semverLt', $vlte: 'semverLte' } as const;
      return one({ attribute, operator: map[op], values: [v], lenient: true, negate: op === '$vne' });
    }
    case '$inGroup':
    case '$notInGroup': {
      if (typeof v !== 'string') throw new CannotTranslate(`${attribute} ${op}`, 'the saved group id is not a string');
      return one({ attribute, operator: 'inSegment', values: context.savedGroup(v, attribute), negate: op === '$notInGroup' });
    }
    case '$not':
      return [[negate(single(translateAttribute(attribute, v, context), `${attribute} $not`))]];
    default:
      throw new CannotTranslate(`${attribute} ${op}`, op === '$elemMatch' || op === '$type' ? 'no equivalent operator' : 'unknown operator');
  }
}

function product(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  return limit(left.flatMap((l) => right.map((r) => [...l, ...r])));
}

function limit(alternatives: Conjunction[]): Conjunction[] {
  if (alternatives.length > MAX_ALTERNATIVES) throw new CannotTranslate('condition', `expands to more than ${MAX_ALTERNATIVES} rules`);
  return alternatives;
}

function single(alternatives: Conjunction[], construct: string): ConditionInput {
  if (alternatives.length !== 1 || alternatives[0].length !== 1) throw new CannotTranslate(construct, 'negates more than one condition (not expressible as one rule)');
  return alternatives[0][0];
}

function negate(condition: ConditionInput): ConditionInput {
  return { ...condition, negate: !condition.negate };
}

function asArray(value: unknown, construct: string): unknown[] {
  if (!Array.isArray(value)) throw new CannotTranslate(construct, 'expects a list');
  return value;
}

function scalar(value: unknown, construct: string): ConditionScalar {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new CannotTranslate(construct, `operand ${JSON.stringify(value)} is not a string, number or boolean`);
}

function scalars(values: unknown[], construct: string): ConditionScalar[] {
  return values.map((v) => scalar(v, construct));
}
