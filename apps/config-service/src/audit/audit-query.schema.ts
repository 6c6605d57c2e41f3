import { z } from 'zod';

export const AuditQuerySchema = z.object({
  stream: z.string().regex(/^(flag|segment|metric|experiment):[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'expected <flag|segment|metric|experiment>:<key>').max(120).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
