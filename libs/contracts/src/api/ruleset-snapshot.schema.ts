import { z } from 'zod';
import { RulesetSchema } from '../domain/ruleset.schema';

/** Body of `GET /v1/ruleset` and the data of each `ruleset` event of `GET /v1/ruleset/stream`. */
export const rulesetSnapshotSchema = z.object({
  version: z.number().int().min(0),
  ruleset: RulesetSchema,
});
export type RulesetSnapshotBody = z.infer<typeof rulesetSnapshotSchema>;
