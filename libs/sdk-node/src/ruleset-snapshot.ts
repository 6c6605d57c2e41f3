import { RulesetSchema } from '@xp/contracts';
import { z } from 'zod';

/** Body of `GET /v1/ruleset` and of each `ruleset` event of `/v1/ruleset/stream`. */
export const RulesetSnapshotSchema = z.object({
  version: z.number().int().min(0),
  ruleset: RulesetSchema,
});
export type RulesetSnapshot = z.infer<typeof RulesetSnapshotSchema>;
