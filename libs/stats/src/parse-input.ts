import type { z } from 'zod';
import { StatsError } from './stats-error';

/** zod parsing that fails with a StatsError listing each problem by path, not a ZodError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  throw new StatsError('INVALID_INPUT', `invalid input: ${summary}`, { issues });
}
