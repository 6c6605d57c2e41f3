import type { KafkaTopology } from '@xp/contracts';
import type { AuthConfig } from '../auth/parse-api-keys';

export const SERVICE_NAMES = [
  'config-service',
  'assignment-service',
  'analysis-service',
  'deployment-service',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HttpConfig {
  service: ServiceName;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** API keys every service checks (ApiKeyGuard); never log this object. */
  auth: AuthConfig;
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Every topic (name with KAFKA_TOPIC_PREFIX, registry partitions and settings) and fixed consumer group id, resolved once. */
  topics: KafkaTopology['topics'];
  groups: KafkaTopology['groups'];
  /** KAFKA_SESSION_TIMEOUT_MS / KAFKA_HEARTBEAT_INTERVAL_MS of consumers in a fixed group (default 10 s / 3 s). */
  consumer: { sessionTimeoutMs: number; heartbeatIntervalMs: number };
}

export interface PostgresConfig {
  url: string;
}

export interface ClickHouseConfig {
  /** Unset: embedded chdb in this process, data under `path`. */
  url?: string;
  path: string;
  database: string;
  /** CLICKHOUSE_MAX_MEMORY_BYTES: the embedded engine's memory limit (max_server_memory_usage); unset: 90 % of RAM. */
  maxMemoryBytes?: number;
  username?: string;
  password?: string;
}

export interface ConfigServiceConfig extends HttpConfig {
  service: 'config-service';
  kafka: KafkaConfig;
  postgres: PostgresConfig;
  /** Where the outbox relay publishes (xp.config.events unless overridden, e.g. by tests). */
  configEventsTopic: string;
  /** SCHEDULER_INTERVAL_MS; unset: the scheduler's default (1 s). */
  schedulerIntervalMs?: number;
}

export interface AssignmentServiceConfig extends HttpConfig {
  service: 'assignment-service';
  kafka: KafkaConfig;
  /** INGEST_MAX_AGE_MS; unset: the ingest module's default. */
  ingestMaxAgeMs?: number;
  /** INGEST_MAX_FUTURE_MS; unset: the ingest module's default. */
  ingestMaxFutureMs?: number;
  /** KAFKA_PRODUCE_TIMEOUT_MS: a request waits at most this long for Kafka's acknowledgement, then gets 503; unset: 3 s. */
  produceTimeoutMs?: number;
  /** FLAG_USAGE_FLUSH_MS: how often the per-flag evaluation counts are sent; unset: 60 s. */
  flagUsageFlushMs?: number;
}

export interface AnalysisServiceConfig extends HttpConfig {
  service: 'analysis-service';
  kafka: KafkaConfig;
  clickhouse: ClickHouseConfig;
  /** ANALYSIS_INTERVAL_MS; unset: the analysis module's default. */
  analysisIntervalMs?: number;
  /** ANALYSIS_ATTRIBUTION_WINDOW_MS; unset: the analysis module's default. */
  attributionWindowMs?: number;
  /** ANALYSIS_COVARIATE_WINDOW_MS; unset: the analysis module's default. */
  covariateWindowMs?: number;
  /** CLICKHOUSE_REPLICATED: build the schema with Replicated*MergeTree (a cluster); default false. */
  clickhouseReplicated: boolean;
  /** SQL_MAX_*: what one query of the analysts' SQL endpoint may use. */
  sqlLimits: { maxExecutionSeconds: number; maxResultRows: number; maxResultBytes: number; maxMemoryBytes: number; spillAboveBytes: number; maxThreads: number };
}

export interface DeploymentServiceConfig extends HttpConfig {
  service: 'deployment-service';
  kafka: KafkaConfig;
  postgres: PostgresConfig;
  configServiceUrl: string;
  /** Admin key for config-service's rollout and lifecycle commands; never log it. */
  configServiceApiKey: string;
  webhooks: { urls: string[]; secret: string };
}

export interface ServiceConfigs {
  'config-service': ConfigServiceConfig;
  'assignment-service': AssignmentServiceConfig;
  'analysis-service': AnalysisServiceConfig;
  'deployment-service': DeploymentServiceConfig;
}
