import { EnvironmentKeySchema, readFlagState, StoredFlagSchema } from '@xp/contracts';
import { UnprocessableError } from '@xp/platform';
import { z } from 'zod';
import type { NewEvent } from '../event-store/stored-event';

export const PromoteCommandSchema = z
  .object({
    from: EnvironmentKeySchema,
    to: EnvironmentKeySchema,
    expectedVersion: z.number().int().min(0).optional(),
  })
  .refine((command) => command.from !== command.to, { path: ['to'], message: 'must differ from `from`' });
export type PromoteCommand = z.infer<typeof PromoteCommandSchema>;

/**
 * Copies one environment's part of a flag (enabled, rules, overrides) over another's, e.g. staging to
 * production once it was tried there. The reference check then refuses a rule that runs an experiment
 * of the source environment (an experiment runs in one environment).
 */
export function decidePromotion(current: Record<string, unknown>, command: PromoteCommand): NewEvent[] {
  const stored = readFlagState(current);
  const source = stored.environments[command.from];
  if (!source) {
    throw new UnprocessableError('nothing_to_promote', `flag '${stored.key}' has no configuration in environment '${command.from}'`, {
      details: { issues: [{ path: 'from', message: `the flag has no part in '${command.from}'` }] },
    });
  }
  const state = StoredFlagSchema.parse({ ...stored, environments: { ...stored.environments, [command.to]: source } });
  return [{ eventType: 'FlagPromoted', payload: { state, from: command.from, to: command.to, previous: stored.environments[command.to] ?? null } }];
}
