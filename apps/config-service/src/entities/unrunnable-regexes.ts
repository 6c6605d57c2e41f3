import type { Condition } from '@xp/contracts';
import { linearRegexProblem } from '@xp/evaluation';
import { UnprocessableError } from '@xp/platform';

/**
 * 422 `unsupported_regex` when a `regex` condition is a valid JavaScript pattern that the linear-time
 * engine (RE2 semantics, in assignment-service and the SDKs) cannot run the same way: back-references,
 * lookaround, empty classes, characters outside the Basic Multilingual Plane, repeats over 1,000.
 * Invalid patterns are refused earlier by the schema (400).
 */
export function refuseUnrunnableRegexes(groups: ReadonlyArray<{ path: string; conditions: readonly Condition[] }>): void {
  const issues = groups.flatMap(({ path, conditions }) =>
    conditions.flatMap((condition, c) =>
      condition.operator !== 'regex'
        ? []
        : condition.values.flatMap((value, v) => {
            const problem = typeof value === 'string' ? linearRegexProblem(value) : undefined;
            return problem ? [{ path: `${path}.${c}.values.${v}`, message: `the regex engine cannot run this pattern: ${problem}` }] : [];
          }),
    ),
  );
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new UnprocessableError('unsupported_regex', `Unsupported regular expression: ${summary}`, { details: { issues } });
  }
}
