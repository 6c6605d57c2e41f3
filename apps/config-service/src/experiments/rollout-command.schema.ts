import { PercentageSchema } from '@xp/contracts';
import { z } from 'zod';

/** Sent by deployment-service; `decisionId` makes a redelivered decision a no-op. */
export const RolloutCommandSchema = z
  .object({
    decisionId: z.string().min(1).max(200),
    reason: z.string().min(1).max(2000),
    stageIndex: z.number().int().min(0).optional(),
    percentage: PercentageSchema.optional(),
  })
  .refine((c) => (c.stageIndex === undefined) !== (c.percentage === undefined), {
    path: ['stageIndex'],
    message: 'give exactly one of stageIndex and percentage',
  });
export type RolloutCommand = z.infer<typeof RolloutCommandSchema>;
