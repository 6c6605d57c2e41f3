import { RE2JS } from 're2js';
import { translateJsPattern } from './translate-js-pattern';

/** A compiled `regex` condition operand: `test` runs in time linear in the input (RE2 semantics, no backtracking). */
export interface LinearRegex {
  test(input: string): boolean;
}

export type LinearRegexResult = { ok: true; regex: LinearRegex } | { ok: false; reason: string };

/**
 * Compiles a pattern written for JavaScript's `RegExp` (what conditions have always held) for RE2:
 * translated first (translate-js-pattern.ts keeps its meaning), then compiled. Patterns the engine
 * cannot run the same way (back-references, lookaround...) are refused with the reason.
 */
export function compileLinearRegex(pattern: string, caseInsensitive: boolean): LinearRegexResult {
  const translated = translateJsPattern(pattern);
  if (!translated.ok) return translated;
  try {
    const re = RE2JS.compile(translated.pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    return { ok: true, regex: { test: (input) => re.test(input) } };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

/** Why a `regex` condition operand cannot run on the linear-time engine, or undefined when it can. */
export function linearRegexProblem(pattern: string): string | undefined {
  const compiled = compileLinearRegex(pattern, false);
  return compiled.ok ? undefined : compiled.reason;
}
