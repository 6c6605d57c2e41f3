import { DEFAULT_ENVIRONMENT, flagForEnvironment, readFlagState, StoredFlagSchema } from '@xp/contracts';
import { z } from 'zod';
import type { NewEvent } from '../event-store/stored-event';

export const KillSwitchCommandSchema = z.object({
  enabled: z.boolean(),
  expectedVersion: z.number().int().min(0).optional(),
});
export type KillSwitchCommand = z.infer<typeof KillSwitchCommandSchema>;

/**
 * Turns a flag on or off for everyone in one environment (default production) without touching its
 * rules or any other environment. An environment the flag had no part in gets one, with no rules.
 */
export function decideKillSwitch(current: Record<string, unknown>, enabled: boolean, environment = DEFAULT_ENVIRONMENT): NewEvent[] {
  const stored = readFlagState(current);
  const before = flagForEnvironment(stored, environment);
  const part = { enabled, rules: before.rules, overrides: before.overrides };
  const state = StoredFlagSchema.parse({ ...stored, environments: { ...stored.environments, [environment]: part } });
  return [{ eventType: 'FlagKillSwitchChanged', payload: { state, enabled, environment, previous: { enabled: before.enabled } } }];
}
