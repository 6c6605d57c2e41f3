import { port } from './local-settings';

/** In port order: base + 1, + 2, ... (the console, 3005 by default, serves the web app in front of the four). */
export const SERVICE_NAMES = ['config-service', 'assignment-service', 'analysis-service', 'deployment-service', 'console'] as const;
export type LocalServiceName = (typeof SERVICE_NAMES)[number];
export type ServicePorts = Record<LocalServiceName, number>;

export const DEFAULT_PORT_BASE = 3000;

/** `config-service` -> `CONFIG_SERVICE_PORT`. */
export function portVariableOf(service: LocalServiceName): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_PORT`;
}

/**
 * The ports `npm start` gives the services: `XP_PORT_BASE` + 1..5 in the order above (default base
 * 3000: 3001-3005), each overridden by its own variable (e.g. `CONFIG_SERVICE_PORT`, `CONSOLE_PORT`), so a second
 * stack can run beside the first. Two services on one port is an error, not a crash later.
 */
export function servicePorts(env: NodeJS.ProcessEnv = process.env): ServicePorts {
  const base = port(env, 'XP_PORT_BASE', DEFAULT_PORT_BASE);
  if (base + SERVICE_NAMES.length > 65535) throw new Error(`XP_PORT_BASE must leave room for ${SERVICE_NAMES.length} ports, got "${base}"`);
  const ports = Object.fromEntries(
    SERVICE_NAMES.map((name, i) => [name, port(env, portVariableOf(name), base + i + 1)]),
  ) as ServicePorts;
  const byPort = new Map<number, string[]>();
  for (const name of SERVICE_NAMES) byPort.set(ports[name], [...(byPort.get(ports[name]) ?? []), name]);
  const clashes = [...byPort].filter(([, names]) => names.length > 1);
  if (clashes.length > 0) {
    throw new Error(`two services on one port: ${clashes.map(([p, names]) => `${names.join(' and ')} on ${p}`).join('; ')}`);
  }
  return ports;
}
