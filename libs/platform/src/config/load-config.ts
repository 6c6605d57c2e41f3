import { resolveTopology } from '@xp/contracts';
import { authConfigFrom } from '../auth/parse-api-keys';
import { ConfigError } from './config-error';
import { envSchema, type Env } from './env-schema';
import type {
  HttpConfig,
  KafkaConfig,
  ServiceConfigs,
  ServiceName,
} from './service-config';

const DEFAULT_PORTS: Record<ServiceName, number> = {
  'config-service': 3001,
  'assignment-service': 3002,
  'analysis-service': 3003,
  'deployment-service': 3004,
};

const DEFAULT_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:15432';

type Builders = { [S in ServiceName]: (env: Env, http: HttpConfig, kafka: KafkaConfig) => ServiceConfigs[S] };

const builders: Builders = {
  'config-service': (env, http, kafka) => ({
    ...http,
    service: 'config-service',
    kafka,
    postgres: { url: env.DATABASE_URL ?? `${DEFAULT_DATABASE_URL}/xp_config` },
    configEventsTopic: env.CONFIG_EVENTS_TOPIC ?? kafka.topics.configEvents.name,
    schedulerIntervalMs: env.SCHEDULER_INTERVAL_MS,
  }),
  'assignment-service': (env, http, kafka) => ({
    ...http,
    service: 'assignment-service',
    kafka,
    ingestMaxAgeMs: env.INGEST_MAX_AGE_MS,
    ingestMaxFutureMs: env.INGEST_MAX_FUTURE_MS,
    produceTimeoutMs: env.KAFKA_PRODUCE_TIMEOUT_MS,
    flagUsageFlushMs: env.FLAG_USAGE_FLUSH_MS,
  }),
  'analysis-service': (env, http, kafka) => ({
    ...http,
    service: 'analysis-service',
    kafka,
    clickhouse: {
      url: env.CLICKHOUSE_URL,
      path: env.CLICKHOUSE_PATH ?? '.local/clickhouse',
      database: env.CLICKHOUSE_DATABASE ?? 'xp',
      maxMemoryBytes: env.CLICKHOUSE_MAX_MEMORY_BYTES,
      username: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
    },
    analysisIntervalMs: env.ANALYSIS_INTERVAL_MS,
    attributionWindowMs: env.ANALYSIS_ATTRIBUTION_WINDOW_MS,
    covariateWindowMs: env.ANALYSIS_COVARIATE_WINDOW_MS,
    clickhouseReplicated: env.CLICKHOUSE_REPLICATED ?? false,
    sqlLimits: {
      maxExecutionSeconds: env.SQL_MAX_EXECUTION_S ?? 30,
      maxResultRows: env.SQL_MAX_RESULT_ROWS ?? 1_000_000,
      maxResultBytes: env.SQL_MAX_RESULT_BYTES ?? 100_000_000,
      maxMemoryBytes: env.SQL_MAX_MEMORY_BYTES ?? 2_000_000_000,
      spillAboveBytes: env.SQL_SPILL_BYTES ?? 100_000_000,
      // One of the two cores: ingestion and the analysis loop keep the other.
      maxThreads: env.SQL_MAX_THREADS ?? 1,
    },
  }),
  'deployment-service': (env, http, kafka) => ({
    ...http,
    service: 'deployment-service',
    kafka,
    postgres: { url: env.DATABASE_URL ?? `${DEFAULT_DATABASE_URL}/xp_deployment` },
    configServiceUrl: env.CONFIG_SERVICE_URL ?? `http://127.0.0.1:${DEFAULT_PORTS['config-service']}`,
    configServiceApiKey: env.CONFIG_SERVICE_API_KEY ?? 'dev-admin-key',
    webhooks: { urls: env.WEBHOOK_URLS ?? [], secret: env.WEBHOOK_SECRET ?? 'dev-webhook-secret' },
  }),
};

/**
 * Validates the environment once and returns only the slice `service` needs.
 * Throws a ConfigError naming every invalid variable (fail fast at start-up).
 */
export function loadConfig<S extends ServiceName>(
  service: S,
  source: Record<string, string | undefined> = process.env,
): ServiceConfigs[S] {
  // An empty variable means "not set" (compose files often write `VAR=`).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
      const value = name in present && !/PASSWORD|API_KEY|SECRET/.test(name) ? ` (got "${present[name]}")` : '';
      return `${name}: ${issue.message}${value}`;
    });
    throw new ConfigError(service, problems);
  }
  const env = parsed.data;
  const http: HttpConfig = {
    service,
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT ?? DEFAULT_PORTS[service],
    logLevel: env.LOG_LEVEL ?? 'info',
    auth: authConfigFrom(env.API_KEYS),
  };
  const kafka: KafkaConfig = {
    brokers: env.KAFKA_BROKERS ?? ['127.0.0.1:19092'],
    clientId: service,
    ...resolveTopology(env.KAFKA_TOPIC_PREFIX ?? ''),
    consumer: { sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS ?? 10_000, heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS ?? 3000 },
  };
  if (kafka.consumer.heartbeatIntervalMs >= kafka.consumer.sessionTimeoutMs) {
    throw new ConfigError(service, [`KAFKA_HEARTBEAT_INTERVAL_MS: must be below KAFKA_SESSION_TIMEOUT_MS (${kafka.consumer.sessionTimeoutMs})`]);
  }
  return builders[service](env, http, kafka) as ServiceConfigs[S];
}
