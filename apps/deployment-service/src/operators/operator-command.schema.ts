import { z } from 'zod';

export const OPERATOR_ACTIONS = ['pause', 'resume', 'rollback', 'approve'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** Optional body of every operator action; the reason lands in the rollout history. */
export const OperatorCommandSchema = z.object({ reason: z.string().min(1).max(2000).optional() }).default({});
export type OperatorCommand = z.infer<typeof OperatorCommandSchema>;
