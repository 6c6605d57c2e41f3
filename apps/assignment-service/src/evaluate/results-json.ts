import { toFlagResult, type EvaluationResult } from '@xp/evaluation';

// The engine hands out shared, frozen result objects (one per flag, variant and reason), so each
// one's JSON fragment can be built once and reused; fresh ones (unknown flags) are simply collected.
const fragments = new WeakMap<EvaluationResult, string>();

function fragmentOf(r: EvaluationResult): string {
  let fragment = fragments.get(r);
  if (fragment === undefined) {
    fragment = `${JSON.stringify(r.flagKey)}:${JSON.stringify(toFlagResult(r))}`;
    if (Object.isFrozen(r)) fragments.set(r, fragment);
  }
  return fragment;
}

/**
 * `{ [flagKey]: body }` exactly as JSON.stringify writes the results object; with `mayRepeat`, a
 * repeated key keeps its first place and its last value, as in an object.
 */
export function resultsJson(evaluated: readonly EvaluationResult[], mayRepeat: boolean): string {
  if (!mayRepeat) {
    let json = '{';
    for (let i = 0; i < evaluated.length; i++) json += (i === 0 ? '' : ',') + fragmentOf(evaluated[i]);
    return `${json}}`;
  }
  const parts: string[] = new Array<string>(evaluated.length);
  const seen = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < evaluated.length; i++) {
    const r = evaluated[i];
    const at = seen.get(r.flagKey);
    if (at === undefined) {
      seen.set(r.flagKey, n);
      parts[n++] = fragmentOf(r);
    } else {
      parts[at] = fragmentOf(r);
    }
  }
  parts.length = n;
  return `{${parts.join(',')}}`;
}
