import { Segment } from '@xp/contracts';
import { compileCondition, Predicate, SegmentResolver } from './compile-condition';
import { CompileError } from './compile-error';
import { SemverCache } from './semver-cache';

/**
 * Resolves segments lazily, compiling each once. Segments may use `inSegment` themselves; a missing
 * segment or a cycle between segments is a CompileError (the flags using it evaluate to ERROR).
 */
export function createSegmentResolver(segments: readonly Segment[], semvers: SemverCache): SegmentResolver {
  const byKey = new Map(segments.map((s) => [s.key, s]));
  const compiled = new Map<string, Predicate>();
  const compiling = new Set<string>();

  const resolve: SegmentResolver = (key) => {
    const done = compiled.get(key);
    if (done) return done;
    const segment = byKey.get(key);
    if (!segment) throw new CompileError('GENERAL', `segment '${key}' not found`);
    if (compiling.has(key)) throw new CompileError('GENERAL', `segment cycle through '${key}'`);
    compiling.add(key);
    try {
      const conditions = segment.conditions.map((c) => compileCondition(c, resolve, semvers));
      const predicate: Predicate = (attributes) => {
        for (let i = 0; i < conditions.length; i++) if (!conditions[i](attributes)) return false;
        return true;
      };
      compiled.set(key, predicate);
      return predicate;
    } finally {
      compiling.delete(key);
    }
  };
  return resolve;
}
