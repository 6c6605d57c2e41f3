import { z } from 'zod';
import { identifierSchema } from './identifier';

export const clickHouseOptionsSchema = z
  .object({
    /** HTTP(S) URL of a ClickHouse server; when set, the server adapter is used. */
    url: z.string().url().optional(),
    /** Data directory of the embedded engine (chdb); used when `url` is absent. */
    path: z.string().min(1).optional(),
    database: identifierSchema,
    /** The embedded engine's memory limit (`max_server_memory_usage`); a server sets its own. */
    maxMemoryBytes: z.number().int().positive().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
  })
  .refine((o) => o.url !== undefined || o.path !== undefined, {
    message: 'either url (server) or path (embedded data directory) is required',
  });

export type ClickHouseOptions = z.infer<typeof clickHouseOptionsSchema>;
