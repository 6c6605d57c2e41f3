import { Condition, CONDITION_OPERATORS, isIsoDate } from '@xp/contracts';
import { CompileError } from './compile-error';
import { cidrTest } from './conditions/cidr-test';
import { listContains, listSize, structuralEquality } from './conditions/list-tests';
import { Attributes } from './evaluation-result';
import { compileLinearRegex, type LinearRegex } from './regex/linear-regex';
import { SemverCache } from './semver-cache';

export type Predicate = (attributes: Attributes) => boolean;
export type SegmentResolver = (segmentKey: string) => Predicate;

const hasOwn = Object.prototype.hasOwnProperty;
const OPERATORS = new Set<string>(CONDITION_OPERATORS);

/**
 * Compiles a condition into a predicate. An attribute that is missing or of the wrong type makes the
 * operator false (it never throws); `negate` is then applied, so a negated condition on a missing
 * attribute holds.
 */
export function compileCondition(condition: Condition, segments: SegmentResolver, semvers: SemverCache): Predicate {
  if (!OPERATORS.has(condition.operator)) throw new CompileError('PARSE_ERROR', `unknown operator '${condition.operator}'`);
  const test = compileOperator(condition, segments, semvers);
  return condition.negate ? (attributes) => !test(attributes) : test;
}

function compileOperator(condition: Condition, segments: SegmentResolver, semvers: SemverCache): Predicate {
  const { attribute: name, values, caseInsensitive: ci } = condition;
  const lenient = condition.lenient === true;
  const fold = (v: string) => (ci ? v.toLowerCase() : v);
  const strings = values.filter((v): v is string => typeof v === 'string').map(fold);
  switch (condition.operator) {
    case 'eq':
      if (Array.isArray(values[0])) return structuralEquality(name, values[0], ci, false);
      // Lenient number equality reads numeric strings, as Unleash's NUM_EQ does.
      if (lenient && typeof values[0] === 'number') return numberTest(name, values[0], true, (x, v) => x === v);
      return membership(name, values, ci, false);
    case 'in':
      return membership(name, values, ci, false);
    case 'neq':
      return Array.isArray(values[0]) ? structuralEquality(name, values[0], ci, true) : membership(name, values, ci, true);
    case 'notIn':
      return membership(name, values, ci, true);
    case 'contains':
      return stringTest(name, ci, (s) => strings.some((v) => s.includes(v)));
    case 'startsWith':
      return stringTest(name, ci, (s) => strings.some((v) => s.startsWith(v)));
    case 'endsWith':
      return stringTest(name, ci, (s) => strings.some((v) => s.endsWith(v)));
    case 'regex': {
      // Patterns are not case-folded like the other operands: that would turn \S into \s.
      const regexes = values.filter((v): v is string => typeof v === 'string').map((pattern) => compileRegex(pattern, ci));
      return (a) => {
        const s = a[name];
        return typeof s === 'string' && regexes.some((r) => r.test(s));
      };
    }
    case 'gt':
      return numberTest(name, values[0], lenient, (x, v) => x > v);
    case 'gte':
      return numberTest(name, values[0], lenient, (x, v) => x >= v);
    case 'lt':
      return numberTest(name, values[0], lenient, (x, v) => x < v);
    case 'lte':
      return numberTest(name, values[0], lenient, (x, v) => x <= v);
    case 'before':
      return dateTest(name, values[0], (x, v) => x < v);
    case 'after':
      return dateTest(name, values[0], (x, v) => x > v);
    case 'semverEq':
      return semverTest(name, values[0], lenient ? semvers.lenient : semvers, (c) => c === 0);
    case 'semverGt':
      return semverTest(name, values[0], lenient ? semvers.lenient : semvers, (c) => c > 0);
    case 'semverGte':
      return semverTest(name, values[0], lenient ? semvers.lenient : semvers, (c) => c >= 0);
    case 'semverLt':
      return semverTest(name, values[0], lenient ? semvers.lenient : semvers, (c) => c < 0);
    case 'semverLte':
      return semverTest(name, values[0], lenient ? semvers.lenient : semvers, (c) => c <= 0);
    case 'exists':
      return (a) => hasOwn.call(a, name) && a[name] !== undefined && a[name] !== null;
    case 'inSegment': {
      const predicates = values.map((key) => segments(String(key)));
      return predicates.length === 1 ? predicates[0] : (a) => predicates.some((p) => p(a));
    }
    case 'containsAny':
      return listContains(name, values, ci, 'any');
    case 'containsAll':
      return listContains(name, values, ci, 'all');
    case 'sizeEq':
      return listSize(name, values[0], (n, v) => n === v);
    case 'sizeGt':
      return listSize(name, values[0], (n, v) => n > v);
    case 'sizeGte':
      return listSize(name, values[0], (n, v) => n >= v);
    case 'sizeLt':
      return listSize(name, values[0], (n, v) => n < v);
    case 'sizeLte':
      return listSize(name, values[0], (n, v) => n <= v);
    case 'inCidr':
      return cidrTest(name, values);
    case 'strGt':
      return stringOrder(name, values[0], ci, (x, v) => x > v);
    case 'strGte':
      return stringOrder(name, values[0], ci, (x, v) => x >= v);
    case 'strLt':
      return stringOrder(name, values[0], ci, (x, v) => x < v);
    case 'strLte':
      return stringOrder(name, values[0], ci, (x, v) => x <= v);
  }
}

/** String ordering by UTF-16 code units, as JavaScript's `<` (what GrowthBook's $gt/$lt do on strings). */
function stringOrder(name: string, operand: unknown, ci: boolean, compare: (x: string, v: string) => boolean): Predicate {
  if (typeof operand !== 'string') throw new CompileError('PARSE_ERROR', `'${name}' needs a string operand`);
  const v = ci ? operand.toLowerCase() : operand;
  return (a) => {
    const x = a[name];
    return typeof x === 'string' && compare(ci ? x.toLowerCase() : x, v);
  };
}

/** eq/in (and neq/notIn with `negated`): only attributes of a type present among the values are comparable. */
function membership(name: string, values: readonly unknown[], ci: boolean, negated: boolean): Predicate {
  const strings = new Set(values.filter((v) => typeof v === 'string').map((v) => (ci ? (v as string).toLowerCase() : (v as string))));
  const others = new Set(values.filter((v) => typeof v !== 'string'));
  const hasNumber = values.some((v) => typeof v === 'number');
  const hasBoolean = values.some((v) => typeof v === 'boolean');
  const hasString = strings.size > 0;
  return (a) => {
    const x = a[name];
    if (typeof x === 'string') {
      if (!hasString) return false;
      return strings.has(ci ? x.toLowerCase() : x) !== negated;
    }
    if ((typeof x === 'number' && hasNumber && !Number.isNaN(x)) || (typeof x === 'boolean' && hasBoolean)) {
      return others.has(x) !== negated;
    }
    return false;
  };
}

function stringTest(name: string, ci: boolean, test: (s: string) => boolean): Predicate {
  return (a) => {
    const x = a[name];
    return typeof x === 'string' && test(ci ? x.toLowerCase() : x);
  };
}

/** Linear time in the attribute's length whatever the pattern: no rule can freeze evaluation. */
function compileRegex(pattern: string, ci: boolean): LinearRegex {
  const compiled = compileLinearRegex(pattern, ci);
  if (!compiled.ok) throw new CompileError('PARSE_ERROR', `unsupported regex /${pattern}/: ${compiled.reason}`);
  return compiled.regex;
}

function numberTest(name: string, operand: unknown, lenient: boolean, compare: (x: number, v: number) => boolean): Predicate {
  if (typeof operand !== 'number' || !Number.isFinite(operand)) throw new CompileError('PARSE_ERROR', `'${name}' needs a number operand`);
  if (lenient) {
    return (a) => {
      const x = numericValue(a[name]);
      return !Number.isNaN(x) && compare(x, operand);
    };
  }
  return (a) => {
    const x = a[name];
    return typeof x === 'number' && !Number.isNaN(x) && compare(x, operand);
  };
}

/** Lenient numbers: a number, or a non-blank string that `Number()` reads (Unleash sends context values as strings). */
function numericValue(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.trim() !== '') return Number(x);
  return NaN;
}

/** Dates: the attribute is an ISO 8601 string, epoch milliseconds, or a Date. */
export function toEpochMillis(x: unknown): number {
  if (typeof x === 'number') return Number.isFinite(x) ? x : NaN;
  if (typeof x === 'string') return isIsoDate(x) ? Date.parse(x) : NaN;
  if (x instanceof Date) return x.getTime();
  return NaN;
}

function dateTest(name: string, operand: unknown, compare: (x: number, v: number) => boolean): Predicate {
  const v = typeof operand === 'string' && isIsoDate(operand) ? Date.parse(operand) : NaN;
  if (Number.isNaN(v)) throw new CompileError('PARSE_ERROR', `'${name}' needs an ISO 8601 date operand`);
  return (a) => {
    const x = toEpochMillis(a[name]);
    return !Number.isNaN(x) && compare(x, v);
  };
}

function semverTest(name: string, operand: unknown, semvers: SemverCache, accept: (comparison: number) => boolean): Predicate {
  const v = typeof operand === 'string' ? semvers.parse(operand) : null;
  if (!v) throw new CompileError('PARSE_ERROR', `'${name}' needs a semantic version operand, got ${JSON.stringify(operand)}`);
  return (a) => {
    const x = a[name];
    if (typeof x !== 'string') return false;
    const parsed = semvers.get(x);
    return parsed !== null && accept(parsed.compare(v));
  };
}
