import { z } from 'zod';

/** An environment's key: a lower-case slug without dots (`production`, `staging`, `eu-west`). */
export const ENVIRONMENT_KEY_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export const EnvironmentKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(ENVIRONMENT_KEY_PATTERN, 'must be a lower-case slug: letters, digits, and single - _ between them');
export type EnvironmentKey = z.infer<typeof EnvironmentKeySchema>;

/** Every installation has these; more are created by API. */
export const BUILT_IN_ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** Where data written before environments existed lives, and what a request without one means. */
export const DEFAULT_ENVIRONMENT = 'production';

/** An environment created by API (the built-ins exist without being created). */
export const EnvironmentSchema = z.object({
  key: EnvironmentKeySchema,
  description: z.string().max(2000).default(''),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export function isBuiltInEnvironment(key: string): boolean {
  return (BUILT_IN_ENVIRONMENTS as readonly string[]).includes(key);
}
