import { ConfigError } from './config-error';
import { KNOWN_ENV_VARS } from './env-schema';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies the documented defaults for config-service when nothing is set', () => {
    const config = loadConfig('config-service', {});
    expect(config).toEqual({
      service: 'config-service',
      host: '127.0.0.1',
      port: 3001,
      logLevel: 'info',
      kafka: { brokers: ['127.0.0.1:19092'], clientId: 'config-service' },
      postgres: { url: 'postgres://postgres:postgres@127.0.0.1:15432/xp_config' },
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
      username: undefined,
      password: undefined,
    });
    expect(analysis).not.toHaveProperty('postgres');
    expect(deployment.port).toBe(3004);
    expect(deployment.postgres.url).toBe('postgres://postgres:postgres@127.0.0.1:15432/xp_deployment');
    expect(deployment.configServiceUrl).toBe('http://127.0.0.1:3001');
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
        'CLICKHOUSE_DATABASE',
        'CLICKHOUSE_PASSWORD',
        'CLICKHOUSE_PATH',
        'CLICKHOUSE_URL',
        'CLICKHOUSE_USER',
        'CONFIG_SERVICE_URL',
        'DATABASE_URL',
        'HOST',
        'KAFKA_BROKERS',
        'LOG_LEVEL',
        'PORT',
      ].sort(),
    );
  });
});
