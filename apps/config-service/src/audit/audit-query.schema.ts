import { z } from 'zod';

// Strict: an unknown parameter (say `at`) is a 400 naming it, not silently the full audit.
export const AuditQuerySchema = z.strictObject({
  stream: z.string().regex(/^(flag|segment|metric|experiment):[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'expected <flag|segment|metric|experiment>:<key>').max(120).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
