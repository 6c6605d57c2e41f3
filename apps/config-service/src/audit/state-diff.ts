import { isDeepStrictEqual } from 'node:util';

/** One changed field: its path (`rules.0.variant`), and its value before and after (absent = not set). */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The fields that differ between two states, deepest first-differing path each: objects by key,
 * arrays by index (so a changed rule reads `rules.1.percentage`), anything else as a whole value.
 */
export function diffStates(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
    return [{ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => diffStates(before[key], after[key], path ? `${path}.${key}` : key));
}
