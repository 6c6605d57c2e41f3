/** Longest regex pattern accepted in a condition. */
export const MAX_REGEX_LENGTH = 256;

/**
 * Returns why a pattern is unsafe, or undefined when it looks safe.
 * A cheap heuristic, not a proof: it rejects nested unbounded quantifiers ("star height" above one,
 * e.g. `(a+)+`, `(\w*)*`, `(x+){2,}`), the usual cause of catastrophic backtracking, for SDKs that
 * still run conditions on a backtracking engine. Overlapping alternations such as `(a|a)*` are not
 * detected: what makes evaluation safe is the linear-time engine of @xp/evaluation, and what it cannot
 * run (back-references, lookaround...) config-service refuses with 422 `unsupported_regex`.
 */
export function regexSafetyProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `longer than ${MAX_REGEX_LENGTH} characters`;
  // Per open group: whether it contains an unbounded quantifier.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const hadUnbounded = groups.pop() ?? false;
      const quantified = isUnboundedQuantifierAt(pattern, i + 1);
      if (hadUnbounded && quantified) return 'nested unbounded quantifiers (catastrophic backtracking)';
      if ((hadUnbounded || quantified) && groups.length > 0) groups[groups.length - 1] = true;
    } else if (isUnboundedQuantifierAt(pattern, i) && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return undefined;
}

function isUnboundedQuantifierAt(pattern: string, i: number): boolean {
  const c = pattern[i];
  if (c === '*' || c === '+') return true;
  if (c !== '{') return false;
  return /^\{\d+,\}/.test(pattern.slice(i));
}
