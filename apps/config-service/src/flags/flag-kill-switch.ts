import { FlagSchema, type Flag } from '@xp/contracts';
import { z } from 'zod';
import type { NewEvent } from '../event-store/stored-event';

export const KillSwitchCommandSchema = z.object({
  enabled: z.boolean(),
  expectedVersion: z.number().int().min(0).optional(),
});
export type KillSwitchCommand = z.infer<typeof KillSwitchCommandSchema>;

/** Turns a flag on or off for everyone without touching its rules. */
export function decideKillSwitch(flag: Flag, enabled: boolean): NewEvent[] {
  const state = FlagSchema.parse({ ...flag, enabled });
  return [{ eventType: 'FlagKillSwitchChanged', payload: { state, enabled, previous: { enabled: flag.enabled } } }];
}
