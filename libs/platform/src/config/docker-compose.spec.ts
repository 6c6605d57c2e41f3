import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_ENV_VARS } from './env-schema';
import { loadConfig } from './load-config';
import { SERVICE_NAMES } from './service-config';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const composePath = join(__dirname, '..', '..', '..', '..', 'docker-compose.yml');
// `merge: true` resolves the `<<: *anchor` keys the file uses for shared settings.
const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

// Compose interpolation with the defaults the file declares (`${VAR:-default}`).
const interpolate = (value: string | number) => String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it.each(SERVICE_NAMES)('%s only sets environment variables the config module reads', (name) => {
    const env = compose.services[name].environment ?? {};
    const unknown = Object.keys(env).filter((key) => !KNOWN_ENV_VARS.includes(key));
    expect(unknown).toEqual([]);
    expect(env.HOST).toBe('0.0.0.0');
    expect(String(env.KAFKA_BROKERS)).toBe('kafka:9092');
  });

  it.each(SERVICE_NAMES)('%s gets a valid configuration from its environment', (name) => {
    const env = Object.fromEntries(
      Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [k, interpolate(v)]),
    );
    const config = loadConfig(name, env);
    expect(config.port).toBe(Number(env.PORT));
    expect(config.host).toBe('0.0.0.0');
  });

  it.each(SERVICE_NAMES)('%s probes /health/ready on the port it listens on and publishes', (name) => {
    const service = compose.services[name];
    const port = String(service.environment?.PORT);
    const probe = service.healthcheck?.test.join(' ') ?? '';
    expect(probe).toContain(`http://127.0.0.1:${port}/health/ready`);
    expect(service.ports).toEqual([`${port}:${port}`]);
  });

  it.each(SERVICE_NAMES)('%s runs its own entry point', (name) => {
    expect(compose.services[name].command?.at(-1)).toBe(`apps/${name}/src/main.ts`);
  });

  it.each(SERVICE_NAMES)('%s waits for healthy engines', (name) => {
    const conditions = Object.values(compose.services[name].depends_on ?? {}).map((d) => d.condition);
    expect(conditions.length).toBeGreaterThan(0);
    expect(new Set(conditions)).toEqual(new Set(['service_healthy']));
  });

  it('points each service at the engines it checks for readiness', () => {
    const { services } = compose;
    expect(services['config-service'].environment?.DATABASE_URL).toMatch(/@postgres:5432\/xp_config$/);
    expect(services['deployment-service'].environment?.DATABASE_URL).toMatch(/@postgres:5432\/xp_deployment$/);
    expect(services['analysis-service'].environment?.CLICKHOUSE_URL).toBe('http://clickhouse:8123');
    expect(services['assignment-service'].environment).not.toHaveProperty('DATABASE_URL');
  });
});
