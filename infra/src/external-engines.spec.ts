import { externalKafkaBrokers } from './kafka-engine';
import { localSettings } from './local-settings';
import { externalPostgresUrl } from './postgres-engine';

const settings = localSettings({});

describe('externalKafkaBrokers', () => {
  it('treats an unset KAFKA_BROKERS as the local broker', () => {
    expect(externalKafkaBrokers(settings, {})).toBeUndefined();
  });

  it('treats KAFKA_BROKERS naming the local port as the local broker', () => {
    expect(externalKafkaBrokers(settings, { KAFKA_BROKERS: 'localhost:19092' })).toBeUndefined();
  });

  it('returns the brokers of another cluster so the launcher leaves it alone', () => {
    expect(externalKafkaBrokers(settings, { KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual(['k1:9092', 'k2:9092']);
  });
});

describe('externalPostgresUrl', () => {
  it('treats a URL on the local port as the local server', () => {
    const env = { DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:15432/xp_config' };
    expect(externalPostgresUrl(settings, env)).toBeUndefined();
  });

  it('returns a URL naming another server', () => {
    const env = { TEST_DATABASE_ADMIN_URL: 'postgres://u:p@db:5432/postgres' };
    expect(externalPostgresUrl(settings, env)).toBe('postgres://u:p@db:5432/postgres');
  });
});
