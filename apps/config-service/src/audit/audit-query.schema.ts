import { KeySchema, streamTypeSchema } from '@xp/contracts';
import { z } from 'zod';

// Strict: an unknown parameter (say `at`) is a 400 naming it, not silently the full audit.
export const AuditQuerySchema = z.strictObject({
  stream: z.string().regex(/^(flag|segment|metric|experiment|environment):[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'expected <flag|segment|metric|experiment>:<key>').max(120).optional(),
  entityType: streamTypeSchema.optional(),
  key: KeySchema.optional(),
  actor: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).transform((t) => new Date(t)).optional(),
  to: z.iso.datetime({ offset: true }).transform((t) => new Date(t)).optional(),
  /** Oldest first from this position (tailing the log). */
  after: z.coerce.number().int().min(0).optional(),
  /** Newest first below this position: the `nextBefore` of the previous page. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).refine((q) => q.after === undefined || q.before === undefined, { message: 'after (oldest first) and before (newest first) exclude each other', path: ['before'] });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
