import { CONFIG_FILE_KINDS, type ConfigFileKind } from '@xp/contracts';
import { type ApiClient, ApiError } from '../admin/api-client';

/** Fields the server owns: never exported, never sent back. */
export const SERVER_FIELDS = ['version', 'archived', 'createdAt', 'updatedAt', 'archivedAt'];
/** Experiment fields deployment-service and the lifecycle commands own (status is reached by lifecycle verbs). */
const COMMAND_OWNED = ['currentStageIndex', 'rolloutPercentage'];
/** A flag's fields of one environment, which `environments` holds when the API returns it. */
const FLAT_ENVIRONMENT_FIELDS = ['enabled', 'rules', 'overrides', 'environment'];
/** What GET /v1/environments adds to an environment: whether the platform has it built in. */
const ENVIRONMENT_SERVER_FIELDS = ['builtIn'];

export type Entity = Record<string, unknown> & { key: string };
export type ConfigEntities = Record<ConfigFileKind, Entity[]>;

/** What is on the platform: per kind, each entity as it will be written and the version it is at. */
export interface PlatformConfig {
  entities: ConfigEntities;
  versions: Record<ConfigFileKind, Map<string, number>>;
}

/** Objects' keys sorted (arrays keep their order): the same configuration always prints the same. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** A GET body as the config file holds it: server fields left out, flat environment fields too when `environments` is there. */
export function toFileEntity(kind: ConfigFileKind, resource: Record<string, unknown>): Entity {
  const drop = new Set([
    ...SERVER_FIELDS,
    ...(kind === 'experiments' ? COMMAND_OWNED : []),
    ...(kind === 'environments' ? ENVIRONMENT_SERVER_FIELDS : []),
    ...(kind === 'flags' && 'environments' in resource ? FLAT_ENVIRONMENT_FIELDS : []),
  ]);
  return sortKeys(Object.fromEntries(Object.entries(resource).filter(([k, v]) => !drop.has(k) && v !== undefined))) as Entity;
}

/** Reads every kind's live entities; a kind this platform does not serve yet (404) reads as empty. */
export async function readPlatformConfig(client: ApiClient): Promise<PlatformConfig> {
  const entities = {} as ConfigEntities;
  const versions = {} as PlatformConfig['versions'];
  for (const kind of CONFIG_FILE_KINDS) {
    const items = await client.request<{ items: Record<string, unknown>[] }>('GET', 'config', `/v1/${kind}`).then(
      (body) => body.items,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      },
    );
    // Built-in environments exist on every platform: the file lists only those created by API.
    const own = items.filter((item) => item.builtIn !== true);
    entities[kind] = own.map((item) => toFileEntity(kind, item)).sort((a, b) => a.key.localeCompare(b.key));
    versions[kind] = new Map(own.map((item) => [String(item.key), Number(item.version)]));
  }
  return { entities, versions };
}
