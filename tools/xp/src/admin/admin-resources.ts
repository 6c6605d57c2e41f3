import type { Service } from './api-client';

type Row = Record<string, unknown>;

export interface Column {
  name: string;
  value: (row: Row) => unknown;
}

/** An API collection the CLI manages: where it lives, how its list reads, what its lifecycle verbs are. */
export interface AdminResource {
  name: string;
  service: Service;
  path: string;
  /** The key field of an item. */
  keyField: string;
  columns: Column[];
  /** CRUD through the entity API (get/set/delete with versions); rollouts are read and steered only. */
  editable: boolean;
  /** `xp <resource> <verb> <key>`: POST `<path>/<key>/<verb>`. */
  actions: readonly string[];
  /** The environment matters to this resource's reads and writes (`?environment=`). */
  perEnvironment: boolean;
}

const col = (name: string, value: (row: Row) => unknown = (row) => row[name]): Column => ({ name, value });
const count = (field: string) => (row: Row) => (Array.isArray(row[field]) ? (row[field] as unknown[]).length : 0);
const version = col('version');
const archived = col('archived', (row) => (row.archived ? 'yes' : ''));

export const ADMIN_RESOURCES: readonly AdminResource[] = [
  {
    name: 'flags',
    service: 'config',
    path: '/v1/flags',
    keyField: 'key',
    columns: [col('key'), col('valueType'), col('enabled'), col('rules', count('rules')), col('variants', count('variants')), version, archived],
    editable: true,
    actions: ['kill-switch'],
    perEnvironment: true,
  },
  {
    name: 'segments',
    service: 'config',
    path: '/v1/segments',
    keyField: 'key',
    columns: [col('key'), col('conditions', count('conditions')), col('description'), version, archived],
    editable: true,
    actions: [],
    perEnvironment: false,
  },
  {
    name: 'metrics',
    service: 'config',
    path: '/v1/metrics',
    keyField: 'key',
    columns: [col('key'), col('kind'), col('eventName'), col('direction'), version, archived],
    editable: true,
    actions: [],
    perEnvironment: false,
  },
  {
    name: 'experiments',
    service: 'config',
    path: '/v1/experiments',
    keyField: 'key',
    columns: [
      col('key'),
      col('flagKey'),
      col('environment'),
      col('status'),
      col('stage', (row) => row.currentStageIndex),
      col('primaryMetric'),
      version,
      archived,
    ],
    editable: true,
    actions: ['start', 'pause', 'resume', 'conclude', 'archive'],
    perEnvironment: false,
  },
  {
    name: 'rollouts',
    service: 'deployment',
    path: '/v1/rollouts',
    keyField: 'experimentKey',
    columns: [col('experimentKey'), col('status'), col('stageIndex'), col('percentage'), col('automationPaused')],
    editable: false,
    actions: ['pause', 'resume', 'approve', 'rollback'],
    perEnvironment: false,
  },
];

export function findResource(name: string): AdminResource | undefined {
  return ADMIN_RESOURCES.find((r) => r.name === name);
}
