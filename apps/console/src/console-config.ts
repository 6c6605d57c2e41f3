import { join } from 'node:path';
import { z } from 'zod';

/** What the console server needs: where to listen, where the four services are, where the build is. */
export interface ConsoleConfig {
  host: string;
  port: number;
  logLevel: string;
  upstreams: { config: string; assignment: string; analysis: string; deployment: string };
  distDir: string;
}

const url = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(fallback)
    .transform((u) => u.replace(/\/+$/, ''));

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3005),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONFIG_SERVICE_URL: url('http://127.0.0.1:3001'),
  ASSIGNMENT_SERVICE_URL: url('http://127.0.0.1:3002'),
  ANALYSIS_SERVICE_URL: url('http://127.0.0.1:3003'),
  DEPLOYMENT_SERVICE_URL: url('http://127.0.0.1:3004'),
  CONSOLE_DIST_DIR: z.string().min(1).optional(),
});

export const CONSOLE_ROOT = join(__dirname, '..');

/** Reads and validates the environment once; throws one message naming every bad variable. */
export function loadConsoleConfig(source: Record<string, string | undefined> = process.env): ConsoleConfig {
  // An empty variable means "not set", as in the services' config module.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`console: invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    upstreams: { config: e.CONFIG_SERVICE_URL, assignment: e.ASSIGNMENT_SERVICE_URL, analysis: e.ANALYSIS_SERVICE_URL, deployment: e.DEPLOYMENT_SERVICE_URL },
    distDir: e.CONSOLE_DIST_DIR ?? join(CONSOLE_ROOT, 'dist'),
  };
}
