import { z } from 'zod';
import { parseApiKeys } from '../auth/parse-api-keys';

const port = z.coerce.number().int().min(0).max(65535);

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const brokerList = z
  .string()
  .transform((value) => value.split(',').map((b) => b.trim()).filter((b) => b.length > 0))
  .pipe(
    z
      .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port'))
      .min(1, 'expected at least one host:port'),
  );

// Issues name entries by position only: the value is secret and ends up in the start-up error.
const apiKeyList = z.string().transform((value, ctx) => {
  const parsed = parseApiKeys(value);
  if (parsed.ok) return parsed.keys;
  for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
});

/**
 * Every environment variable the services read, in one place. Values are optional here:
 * the defaults depend on the service and are applied when its slice is built.
 */
export const envSchema = z.object({
  HOST: z.string().min(1).optional(),
  PORT: port.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  KAFKA_BROKERS: brokerList.optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  CLICKHOUSE_URL: url(['http:', 'https:']).optional(),
  CLICKHOUSE_PATH: z.string().min(1).optional(),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain identifier').optional(),
  CLICKHOUSE_USER: z.string().min(1).optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_MAX_MEMORY_BYTES: z.coerce.number().int().min(100_000_000).max(1e13).optional(),
  // deployment-service commands config-service over REST.
  CONFIG_SERVICE_URL: url(['http:', 'https:']).optional(),
  // The admin key deployment-service presents to config-service; unset => the development admin key.
  CONFIG_SERVICE_API_KEY: z.string().min(1).optional(),
  // deployment-service's outgoing webhooks: comma-separated URLs and the HMAC-SHA256 signing secret.
  WEBHOOK_URLS: z
    .string()
    .transform((value) => value.split(',').map((u) => u.trim()).filter((u) => u.length > 0))
    .pipe(z.array(url(['http:', 'https:'])))
    .optional(),
  WEBHOOK_SECRET: z.string().min(1).optional(),
  // Comma-separated role:key pairs (roles admin, reader, sdk); unset => local development keys.
  API_KEYS: apiKeyList.optional(),
  // config-service publishes its events here; integration tests use a unique topic.
  CONFIG_EVENTS_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name').optional(),
  // config-service: how often the scheduler looks for due scheduled changes (default 1 s).
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
  // How often analysis-service analyses every running experiment (default 60 s; demos and e2e tests use a few seconds).
  ANALYSIS_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).optional(),
  // analysis-service: events up to this long after a unit's first exposure count (default 7 days).
  ANALYSIS_ATTRIBUTION_WINDOW_MS: z.coerce.number().int().min(1).max(366 * 86_400_000).optional(),
  // analysis-service: pre-exposure window of the CUPED covariate (default 7 days; 0 turns CUPED's covariate off).
  ANALYSIS_COVARIATE_WINDOW_MS: z.coerce.number().int().min(0).max(366 * 86_400_000).optional(),
  // assignment-service: events and exposures older than this are refused per item (default 8 days: the attribution window plus a day).
  INGEST_MAX_AGE_MS: z.coerce.number().int().min(60_000).max(366 * 86_400_000).optional(),
  // assignment-service: ... and those more than this ahead of the server's clock (default 5 minutes).
  INGEST_MAX_FUTURE_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
  // assignment-service: how long a request waits for Kafka to acknowledge its records before answering 503 (default 3 s).
  KAFKA_PRODUCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  FLAG_USAGE_FLUSH_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
  // analysis-service, analysts' SQL endpoint (embedded ClickHouse): limits of one query.
  SQL_MAX_EXECUTION_S: z.coerce.number().int().min(1).max(3600).optional(),
  SQL_MAX_RESULT_ROWS: z.coerce.number().int().min(1).max(1e9).optional(),
  SQL_MAX_RESULT_BYTES: z.coerce.number().int().min(1024).max(1e11).optional(),
  SQL_MAX_MEMORY_BYTES: z.coerce.number().int().min(1_000_000).max(1e12).optional(),
  SQL_SPILL_BYTES: z.coerce.number().int().min(1_000_000).max(1e12).optional(),
  SQL_MAX_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  // analysis-service on a ClickHouse cluster: Replicated*MergeTree tables ({shard}/{replica} macros).
  CLICKHOUSE_REPLICATED: z
    .enum(['true', 'false', '1', '0'], { message: 'expected true, false, 1 or 0' })
    .transform((value) => value === 'true' || value === '1')
    .optional(),
  // Consumers in a fixed group (deployment's decisions, analysis' ingestion): after a crash the restarted
  // member gets its partitions once the dead member's session expired (kafkajs has no static membership).
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).optional(),
  KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(100_000).optional(),
  // Put in front of every xp.* topic (and consumer group) name so several platforms share one Kafka.
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'expected letters, digits, ".", "_" or "-"').optional(),
});

export type Env = z.infer<typeof envSchema>;

export const KNOWN_ENV_VARS: readonly string[] = Object.freeze(Object.keys(envSchema.shape));
