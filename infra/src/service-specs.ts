import * as path from 'node:path';
import { LocalSettings } from './local-settings';

export interface ServiceSpec {
  name: string;
  port: number;
  entry: string;
  env: Record<string, string>;
}

const databaseUrlFor = (env: NodeJS.ProcessEnv, settings: LocalSettings, database: string): string => {
  // An explicit DATABASE_URL names the server; each service still gets its own database on it.
  const url = new URL(env.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${settings.postgresPort}/postgres`);
  url.pathname = `/${database}`;
  return url.toString();
};

/** The four services and the console that `npm start` runs, each with only the settings it needs. */
export function serviceSpecs(settings: LocalSettings, env: NodeJS.ProcessEnv = process.env): ServiceSpec[] {
  const common = {
    KAFKA_BROKERS: env.KAFKA_BROKERS || `127.0.0.1:${settings.kafkaPort}`,
    HOST: env.HOST || '127.0.0.1',
  };
  const spec = (name: string, port: number, extra: Record<string, string> = {}): ServiceSpec => ({
    name,
    port,
    entry: path.join(settings.repoRoot, 'apps', name, 'src', 'main.ts'),
    env: { ...common, PORT: String(port), ...extra },
  });
  return [
    spec('config-service', 3001, { DATABASE_URL: databaseUrlFor(env, settings, 'xp_config') }),
    spec('assignment-service', 3002),
    // Analysed every few seconds (production default: a minute) so `npm run demo` ramps within minutes.
    spec('analysis-service', 3003, { CLICKHOUSE_PATH: settings.clickhousePath, ANALYSIS_INTERVAL_MS: env.ANALYSIS_INTERVAL_MS || '2000' }),
    spec('deployment-service', 3004, { DATABASE_URL: databaseUrlFor(env, settings, 'xp_deployment') }),
    // The web console on one origin with the four APIs (apps/console/README.md); builds its web app when needed.
    spec('console', Number(env.CONSOLE_PORT) || 3005, { CONFIG_SERVICE_URL: 'http://127.0.0.1:3001', ASSIGNMENT_SERVICE_URL: 'http://127.0.0.1:3002', ANALYSIS_SERVICE_URL: 'http://127.0.0.1:3003', DEPLOYMENT_SERVICE_URL: 'http://127.0.0.1:3004' }),
  ];
}
