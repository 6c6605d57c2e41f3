import { ConfigError } from '@xp/platform';
import { z } from 'zod';

const flushMsSchema = z.coerce.number().int().min(10).max(3_600_000);

/**
 * FLAG_USAGE_FLUSH_MS (10 ms to 1 h; unset: the default of 60 s), validated at start-up like the
 * variables of the platform's config: a bad value stops the service naming it. Read here rather than
 * in libs/platform's schema while only assignment-service uses it.
 */
export function flagUsageFlushMsFrom(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.FLAG_USAGE_FLUSH_MS;
  if (raw === undefined || raw === '') return undefined;
  const parsed = flushMsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError('assignment-service', [`FLAG_USAGE_FLUSH_MS: must be an integer from 10 to 3600000 (milliseconds), got "${raw}"`]);
  return parsed.data;
}
