export interface Change {
  path: string;
  before?: unknown;
  after?: unknown;
  kind: 'added' | 'removed' | 'changed';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf-level differences between two JSON values, with dotted paths (`rules.0.rollout`). */
export function jsonDiff(before: unknown, after: unknown, path = ''): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const join = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => jsonDiff(before[k], after[k], join(k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => jsonDiff(before[i], after[i], join(i))).flat();
  }
  if (before === undefined) return [{ path, after, kind: 'added' }];
  if (after === undefined) return [{ path, before, kind: 'removed' }];
  return [{ path, before, after, kind: 'changed' }];
}
