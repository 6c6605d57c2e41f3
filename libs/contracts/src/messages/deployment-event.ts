import { z } from 'zod';
import { messageKeySchema, percentageSchema } from '../common-schemas';
import { defineMessageType } from '../message-type';

export const colourSchema = z.enum(['blue', 'green']);

/** Traffic split in percent; the two colours always add up to 100. */
export const trafficWeightsSchema = z
  .object({ blue: percentageSchema, green: percentageSchema })
  .refine((w) => Math.abs(w.blue + w.green - 100) < 1e-6, { message: 'blue + green must equal 100' });

/** What the deployment service did to a blue/green deployment (and, when it applies, which decision caused it). */
export const deploymentEventDataSchema = z.object({
  deploymentId: z.string().min(1).max(200),
  experimentKey: messageKeySchema,
  service: z.string().min(1).max(200),
  /** e.g. SHIFT_TRAFFIC, PROMOTE, ROLLBACK, HOLD. */
  action: z.string().min(1).max(50),
  activeColour: colourSchema,
  weights: trafficWeightsSchema,
  /** e.g. IN_PROGRESS, COMPLETED, ROLLED_BACK. */
  status: z.string().min(1).max(50),
  decisionId: z.string().min(1).max(300).optional(),
});

export type Colour = z.infer<typeof colourSchema>;
export type TrafficWeights = z.infer<typeof trafficWeightsSchema>;
export type DeploymentEventData = z.infer<typeof deploymentEventDataSchema>;

export const deploymentEventMessage = defineMessageType('deployment.event', 1, deploymentEventDataSchema);
