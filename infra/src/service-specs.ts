import * as path from 'node:path';
import { LocalSettings } from './local-settings';
import { servicePorts } from './service-ports';

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
  const ports = servicePorts(env);
  const url = (name: keyof typeof ports) => `http://127.0.0.1:${ports[name]}`;
  const spec = (name: keyof typeof ports, extra: Record<string, string> = {}): ServiceSpec => ({
    name,
    port: ports[name],
    entry: path.join(settings.repoRoot, 'apps', name, 'src', 'main.ts'),
    env: { ...common, PORT: String(ports[name]), ...extra },
  });
  return [
    spec('config-service', { DATABASE_URL: databaseUrlFor(env, settings, 'xp_config') }),
    spec('assignment-service'),
    // Analysed every few seconds (production default: a minute) so `npm run demo` ramps within minutes.
    spec('analysis-service', { CLICKHOUSE_PATH: settings.clickhousePath, ANALYSIS_INTERVAL_MS: env.ANALYSIS_INTERVAL_MS || '2000' }),
    spec('deployment-service', {
      DATABASE_URL: databaseUrlFor(env, settings, 'xp_deployment'),
      // Rollout commands go to the config-service this run starts, wherever its port is.
      CONFIG_SERVICE_URL: env.CONFIG_SERVICE_URL || url('config-service'),
    }),
    // The web console on one origin with the four APIs (apps/console/README.md); builds its web app when needed.
    spec('console', {
      CONFIG_SERVICE_URL: url('config-service'),
      ASSIGNMENT_SERVICE_URL: url('assignment-service'),
      ANALYSIS_SERVICE_URL: url('analysis-service'),
      DEPLOYMENT_SERVICE_URL: url('deployment-service'),
    }),
  ];
}
