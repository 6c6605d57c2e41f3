import { resolveTopology } from '@xp/contracts';
import { ConfigError } from './config-error';
import { KNOWN_ENV_VARS } from './env-schema';
import { authConfigFrom } from '../auth/parse-api-keys';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies the documented defaults for config-service when nothing is set', () => {
    const config = loadConfig('config-service', {});
    expect(config).toEqual({
      service: 'config-service',
      host: '127.0.0.1',
      port: 3001,
      logLevel: 'info',
      auth: authConfigFrom(undefined),
      kafka: { brokers: ['127.0.0.1:19092'], clientId: 'config-service', ...resolveTopology(''), consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3000 } },
      postgres: { url: 'postgres://postgres:postgres@127.0.0.1:15432/xp_config' },
      configEventsTopic: 'xp.config.events',
    });
  });

  it('gives each service its own default port and only its own slice', () => {
    const assignment = loadConfig('assignment-service', {});
    const analysis = loadConfig('analysis-service', {});
    const deployment = loadConfig('deployment-service', {});
    expect(assignment.port).toBe(3002);
    expect(assignment).not.toHaveProperty('postgres');
    expect(analysis.port).toBe(3003);
    expect(analysis.clickhouse).toEqual({
      url: undefined,
      path: '.local/clickhouse',
      database: 'xp',
      maxMemoryBytes: undefined,
      username: undefined,
      password: undefined,
    });
    expect(analysis).not.toHaveProperty('postgres');
    expect(deployment.port).toBe(3004);
    expect(deployment.postgres.url).toBe('postgres://postgres:postgres@127.0.0.1:15432/xp_deployment');
    expect(deployment.configServiceUrl).toBe('http://127.0.0.1:3001');
    expect(deployment.configServiceApiKey).toBe('dev-admin-key');
    expect(deployment.webhooks).toEqual({ urls: [], secret: 'dev-webhook-secret' });
  });

  it('reads overrides and splits the broker list', () => {
    const config = loadConfig('analysis-service', {
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_DATABASE: 'analytics',
      CLICKHOUSE_USER: 'xp',
      CLICKHOUSE_PASSWORD: 'secret',
    });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
    expect(config.kafka.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.clickhouse).toMatchObject({ url: 'http://clickhouse:8123', database: 'analytics', username: 'xp' });
  });

  it('gives analysis-service its windows and the replicated-schema switch', () => {
    const config = loadConfig('analysis-service', {
      ANALYSIS_INTERVAL_MS: '5000',
      ANALYSIS_ATTRIBUTION_WINDOW_MS: '86400000',
      ANALYSIS_COVARIATE_WINDOW_MS: '0',
      CLICKHOUSE_REPLICATED: 'true',
    });
    expect(config).toMatchObject({ analysisIntervalMs: 5000, attributionWindowMs: 86_400_000, covariateWindowMs: 0, clickhouseReplicated: true });
    expect(loadConfig('analysis-service', {}).clickhouseReplicated).toBe(false);
    expect(loadConfig('analysis-service', { CLICKHOUSE_REPLICATED: '0' }).clickhouseReplicated).toBe(false);
    expect(() => loadConfig('analysis-service', { CLICKHOUSE_REPLICATED: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig('analysis-service', { ANALYSIS_ATTRIBUTION_WINDOW_MS: '0' })).toThrow(ConfigError);
  });

  it("bounds the embedded engine's memory when CLICKHOUSE_MAX_MEMORY_BYTES is set, and refuses nonsense", () => {
    expect(loadConfig('analysis-service', { CLICKHOUSE_MAX_MEMORY_BYTES: '4294967296' }).clickhouse.maxMemoryBytes).toBe(4_294_967_296);
    expect(() => loadConfig('analysis-service', { CLICKHOUSE_MAX_MEMORY_BYTES: '1000' })).toThrow(/CLICKHOUSE_MAX_MEMORY_BYTES/);
    expect(() => loadConfig('analysis-service', { CLICKHOUSE_MAX_MEMORY_BYTES: '4 GB' })).toThrow(/CLICKHOUSE_MAX_MEMORY_BYTES/);
  });

  it('gives assignment-service its ingest time window, validated', () => {
    expect(loadConfig('assignment-service', { INGEST_MAX_AGE_MS: '86400000', INGEST_MAX_FUTURE_MS: '0' })).toMatchObject({ ingestMaxAgeMs: 86_400_000, ingestMaxFutureMs: 0 });
    expect(loadConfig('assignment-service', {})).toMatchObject({ ingestMaxAgeMs: undefined, ingestMaxFutureMs: undefined });
    expect(() => loadConfig('assignment-service', { INGEST_MAX_AGE_MS: '10' })).toThrow(ConfigError);
    expect(() => loadConfig('assignment-service', { INGEST_MAX_FUTURE_MS: '-1' })).toThrow(ConfigError);
  });

  it('resolves the topology once: prefixed topic names with their partitions, and prefixed group ids', () => {
    const { kafka } = loadConfig('deployment-service', { KAFKA_TOPIC_PREFIX: 'e2e-7.' });
    expect(Object.values(kafka.topics).map((t) => [t.name, t.partitions])).toEqual([
      ['e2e-7.xp.config.events', 1],
      ['e2e-7.xp.exposures', 6],
      ['e2e-7.xp.events', 6],
      ['e2e-7.xp.decisions', 3],
      ['e2e-7.xp.deployments', 3],
      ['e2e-7.xp.flag-usage', 3],
    ]);
    expect(kafka.groups).toEqual({ deployment: 'e2e-7.deployment-service', ingestion: 'e2e-7.analysis-ingest', flagUsage: 'e2e-7.config-flag-usage' });
    expect(loadConfig('analysis-service', {}).kafka.topics.exposures.name).toBe('xp.exposures');
  });

  it('gives assignment-service its bound on waiting for Kafka acknowledgements (KAFKA_PRODUCE_TIMEOUT_MS), validated', () => {
    expect(loadConfig('assignment-service', {}).produceTimeoutMs).toBeUndefined();
    expect(loadConfig('assignment-service', { KAFKA_PRODUCE_TIMEOUT_MS: '1500' }).produceTimeoutMs).toBe(1500);
    expect(() => loadConfig('assignment-service', { KAFKA_PRODUCE_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig('assignment-service', { KAFKA_PRODUCE_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
  });

  it('gives assignment-service the interval of its flag usage counts (FLAG_USAGE_FLUSH_MS), validated', () => {
    expect(loadConfig('assignment-service', {}).flagUsageFlushMs).toBeUndefined();
    expect(loadConfig('assignment-service', { FLAG_USAGE_FLUSH_MS: '250' }).flagUsageFlushMs).toBe(250);
    for (const raw of ['0', 'soon', '1.5', '7200000']) {
      expect(() => loadConfig('assignment-service', { FLAG_USAGE_FLUSH_MS: raw })).toThrow(/FLAG_USAGE_FLUSH_MS/);
    }
  });

  it('gives config-service its scheduler interval (SCHEDULER_INTERVAL_MS), validated', () => {
    expect(loadConfig('config-service', {}).schedulerIntervalMs).toBeUndefined();
    expect(loadConfig('config-service', { SCHEDULER_INTERVAL_MS: '250' }).schedulerIntervalMs).toBe(250);
    expect(() => loadConfig('config-service', { SCHEDULER_INTERVAL_MS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig('config-service', { SCHEDULER_INTERVAL_MS: 'often' })).toThrow(ConfigError);
  });

  it('prefixes the config events topic with KAFKA_TOPIC_PREFIX unless CONFIG_EVENTS_TOPIC names it', () => {
    expect(loadConfig('config-service', { KAFKA_TOPIC_PREFIX: 'e2e-7.' }).configEventsTopic).toBe('e2e-7.xp.config.events');
    expect(loadConfig('config-service', { KAFKA_TOPIC_PREFIX: 'p.', CONFIG_EVENTS_TOPIC: 'mine' }).configEventsTopic).toBe('mine');
    expect(() => loadConfig('assignment-service', { KAFKA_TOPIC_PREFIX: 'a b' })).toThrow(ConfigError);
  });

  it('reads the session timeout and heartbeat of consumers in a fixed group, heartbeat below the timeout', () => {
    expect(loadConfig('deployment-service', { KAFKA_SESSION_TIMEOUT_MS: '30000', KAFKA_HEARTBEAT_INTERVAL_MS: '5000' }).kafka.consumer).toEqual({ sessionTimeoutMs: 30_000, heartbeatIntervalMs: 5000 });
    expect(() => loadConfig('deployment-service', { KAFKA_SESSION_TIMEOUT_MS: '1000' })).toThrow(ConfigError);
    expect(() => loadConfig('analysis-service', { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '6000' })).toThrow('KAFKA_HEARTBEAT_INTERVAL_MS');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig('config-service', { PORT: '', LOG_LEVEL: '' }).port).toBe(3001);
  });

  it('fails fast with one line per invalid variable', () => {
    const load = () =>
      loadConfig('deployment-service', {
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        KAFKA_BROKERS: 'kafka',
        DATABASE_URL: 'mysql://db/x',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'LOG_LEVEL', 'PORT']);
      expect((err as Error).message).toContain('Invalid configuration for deployment-service');
      expect((err as Error).message).toContain('PORT: ');
      expect((err as Error).message).toContain('"eighty"');
    }
  });

  it('lists every variable it reads', () => {
    expect([...KNOWN_ENV_VARS].sort()).toEqual(
      [
        'ANALYSIS_ATTRIBUTION_WINDOW_MS',
        'ANALYSIS_COVARIATE_WINDOW_MS',
        'ANALYSIS_INTERVAL_MS',
        'API_KEYS',
        'CLICKHOUSE_DATABASE',
        'CLICKHOUSE_MAX_MEMORY_BYTES',
        'CLICKHOUSE_PASSWORD',
        'CLICKHOUSE_PATH',
        'CLICKHOUSE_REPLICATED',
        'CLICKHOUSE_URL',
        'CLICKHOUSE_USER',
        'CONFIG_SERVICE_API_KEY',
        'CONFIG_EVENTS_TOPIC',
        'CONFIG_SERVICE_URL',
        'DATABASE_URL',
        'FLAG_USAGE_FLUSH_MS',
        'HOST',
        'INGEST_MAX_AGE_MS',
        'INGEST_MAX_FUTURE_MS',
        'KAFKA_BROKERS',
        'KAFKA_HEARTBEAT_INTERVAL_MS',
        'KAFKA_SESSION_TIMEOUT_MS',
        'KAFKA_PRODUCE_TIMEOUT_MS',
        'KAFKA_TOPIC_PREFIX',
        'LOG_LEVEL',
        'PORT',
        'SCHEDULER_INTERVAL_MS',
        'SQL_MAX_EXECUTION_S',
        'SQL_MAX_MEMORY_BYTES',
        'SQL_MAX_RESULT_BYTES',
        'SQL_MAX_RESULT_ROWS',
        'SQL_MAX_THREADS',
        'SQL_SPILL_BYTES',
        'WEBHOOK_SECRET',
        'WEBHOOK_URLS',
      ].sort(),
    );
  });

  it('uses the named development keys, flagged as such, when API_KEYS is unset', () => {
    const { auth } = loadConfig('assignment-service', {});
    expect(auth.developmentKeys).toBe(true);
    expect(auth.keys.map((k) => `${k.role}:${k.id}:${k.key}`)).toEqual([
      'admin:dev-admin:dev-admin-key',
      'reader:dev-reader:dev-reader-key',
      'sdk:dev-sdk:dev-sdk-key',
      'sdk:dev-sdk-development:dev-sdk-development-key',
      'sdk:dev-sdk-staging:dev-sdk-staging-key',
    ]);
    expect(auth.keys.map((k) => k.environment)).toEqual([undefined, undefined, undefined, 'development', 'staging']);
  });

  it('reads API_KEYS into role-tagged keys with loggable ids', () => {
    const { auth } = loadConfig('config-service', { API_KEYS: 'admin:a1, reader:r1,admin:a2,sdk:s1' });
    expect(auth.developmentKeys).toBe(false);
    expect(auth.keys.map((k) => [k.id, k.role, k.key])).toEqual([
      ['admin-1', 'admin', 'a1'],
      ['reader-1', 'reader', 'r1'],
      ['admin-2', 'admin', 'a2'],
      ['sdk-1', 'sdk', 's1'],
    ]);
  });

  it('rejects a bad API_KEYS without echoing any key in the error', () => {
    const load = () => loadConfig('config-service', { API_KEYS: 'admin:topsecret1,owner:topsecret2,reader:,sdk:topsecret1' });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      const { problems, message } = err as ConfigError;
      expect(problems).toEqual([
        'API_KEYS: entry 2: unknown role (expected role:key or role:name:key (name@environment scopes the key), role admin, reader or sdk)',
        'API_KEYS: entry 3: empty key for role reader',
        'API_KEYS: entry 4: duplicate key (same as entry 1)',
      ]);
      expect(message).not.toContain('topsecret');
    }
  });
});
