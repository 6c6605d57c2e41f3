import { CompileError } from '../compile-error';
import type { Predicate } from '../compile-condition';

/** A list attribute's item compared with an operand: same type and value (strings folded when case-insensitive). */
function sameItem(item: unknown, operand: unknown, ci: boolean): boolean {
  if (typeof item === 'string') return typeof operand === 'string' && (ci ? item.toLowerCase() === operand : item === operand);
  return item === operand && (typeof item === 'number' || typeof item === 'boolean');
}

function foldOperands(values: readonly unknown[], ci: boolean): unknown[] {
  return values.map((v) => (ci && typeof v === 'string' ? v.toLowerCase() : v));
}

/** containsAny / containsAll: the attribute is a list (roles, groups, tags); anything else makes the operator false. */
export function listContains(name: string, values: readonly unknown[], ci: boolean, mode: 'any' | 'all'): Predicate {
  const operands = foldOperands(values, ci);
  const listed = (list: readonly unknown[], operand: unknown) => {
    for (let i = 0; i < list.length; i++) if (sameItem(list[i], operand, ci)) return true;
    return false;
  };
  return mode === 'any'
    ? (a) => {
        const list = a[name];
        return Array.isArray(list) && operands.some((v) => listed(list, v));
      }
    : (a) => {
        const list = a[name];
        return Array.isArray(list) && operands.every((v) => listed(list, v));
      };
}

/** size*: the number of items of a list attribute. */
export function listSize(name: string, operand: unknown, compare: (size: number, v: number) => boolean): Predicate {
  if (typeof operand !== 'number' || !Number.isInteger(operand) || operand < 0) {
    throw new CompileError('PARSE_ERROR', `'${name}' needs a whole number operand`);
  }
  return (a) => {
    const list = a[name];
    return Array.isArray(list) && compare(list.length, operand);
  };
}

/** eq / neq with a list operand: a list attribute with the same items in the same order (structural equality). */
export function structuralEquality(name: string, operand: unknown, ci: boolean, negated: boolean): Predicate {
  const expected = foldOperands(operand as readonly unknown[], ci);
  return (a) => {
    const list = a[name];
    if (!Array.isArray(list)) return false;
    let equal = list.length === expected.length;
    for (let i = 0; equal && i < list.length; i++) equal = sameItem(list[i], expected[i], ci);
    return equal !== negated;
  };
}
