import { localSettings } from './local-settings';
import { serviceSpecs } from './service-specs';

describe('serviceSpecs', () => {
  const settings = localSettings({});

  it('gives each service its own port and the local Kafka', () => {
    const specs = serviceSpecs(settings, {});
    expect(specs.map((s) => [s.name, s.env.PORT])).toEqual([
      ['config-service', '3001'],
      ['assignment-service', '3002'],
      ['analysis-service', '3003'],
      ['deployment-service', '3004'],
      ['console', '3005'],
    ]);
    expect(new Set(specs.map((s) => s.env.KAFKA_BROKERS))).toEqual(new Set(['127.0.0.1:19092']));
  });

  it('points the console at the four services and lets CONSOLE_PORT move it', () => {
    const console = serviceSpecs(settings, { CONSOLE_PORT: '4005' }).find((s) => s.name === 'console');
    expect(console?.env).toMatchObject({ PORT: '4005', CONFIG_SERVICE_URL: 'http://127.0.0.1:3001', DEPLOYMENT_SERVICE_URL: 'http://127.0.0.1:3004' });
  });

  it('points config and deployment at their own local databases', () => {
    const byName = Object.fromEntries(serviceSpecs(settings, {}).map((s) => [s.name, s.env]));
    expect(byName['config-service'].DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:15432/xp_config');
    expect(byName['deployment-service'].DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:15432/xp_deployment');
    expect(byName['assignment-service'].DATABASE_URL).toBeUndefined();
  });

  it('keeps an explicit database server but swaps in each service database', () => {
    const specs = serviceSpecs(settings, { DATABASE_URL: 'postgres://u:p@db.example:5432/anything' });
    expect(specs[0].env.DATABASE_URL).toBe('postgres://u:p@db.example:5432/xp_config');
  });

  it('hands the embedded ClickHouse directory to analysis-service only', () => {
    const specs = serviceSpecs(settings, {});
    expect(specs[2].env.CLICKHOUSE_PATH).toBe(settings.clickhousePath);
    expect(specs[1].env.CLICKHOUSE_PATH).toBeUndefined();
  });

  it('has analysis-service analyse every 2 s unless ANALYSIS_INTERVAL_MS says otherwise (the demo needs fast decisions)', () => {
    expect(serviceSpecs(settings, {})[2].env.ANALYSIS_INTERVAL_MS).toBe('2000');
    expect(serviceSpecs(settings, { ANALYSIS_INTERVAL_MS: '60000' })[2].env.ANALYSIS_INTERVAL_MS).toBe('60000');
  });
});
