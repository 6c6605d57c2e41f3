import { KeySchema } from '@xp/contracts';
import { z } from 'zod';

/** What a deploy pipeline registers before (or during) a rollout; otherwise defaults come from the experiment. */
export const DeploymentRegistrationSchema = z.object({
  experimentKey: KeySchema,
  service: z.string().min(1).max(200),
  blueVersion: z.string().min(1).max(200),
  greenVersion: z.string().min(1).max(200),
});
