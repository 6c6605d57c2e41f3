import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error';
import { renderTable } from '../sql/render-table';
import { ApiClient, ApiError } from './api-client';
import { parseAdminOptions, type AdminOptions } from './admin-options';
import { platformUrls } from './platform-urls';

type Item = Record<string, unknown>;

export interface AdminIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The file's text, or standard input for '-'. */
  readInput: (path: string) => Promise<string>;
  fetch?: typeof fetch;
}

/** Fields the server keeps, never part of a body sent back. */
const SERVER_FIELDS = ['version', 'archived', 'createdAt', 'updatedAt'];

/**
 * `xp flags|segments|metrics|experiments|rollouts <verb>`: readable tables (or `--json`) from the
 * platform's APIs, changes sent with the version they are based on (If-Match) so a concurrent edit is a
 * 409, never overwritten. Returns the exit code: 0, 1 when the API refused (its message on stderr), 2 on
 * a usage problem.
 */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  try {
    const options = parseAdminOptions(argv);
    const key = io.env.XP_API_KEY;
    if (!key) throw new CliError('USAGE', 'set XP_API_KEY to an API key (reader to read, admin to change)');
    const client = new ApiClient(platformUrls(io.env), key, io.fetch);
    io.out(await perform(options, client, io));
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      io.err(`${error.describe()}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    throw error;
  }
}

async function perform(options: AdminOptions, client: ApiClient, io: AdminIo): Promise<string> {
  const { resource, verb, args } = options;
  const environment = resource.perEnvironment ? options.environment : undefined;
  const itemPath = (key: string) => `${resource.path}/${encodeURIComponent(key)}`;
  const read = (key: string, at?: string) => client.request<Item>('GET', resource.service, itemPath(key), { query: { environment, at } });
  const show = (item: Item, done?: string) => (options.json ? `${JSON.stringify(item, null, 2)}\n` : `${done ? `${done}\n` : ''}${fieldTable(item)}`);
  switch (verb) {
    case 'list': {
      const query = { environment, includeArchived: options.includeArchived ? 'true' : undefined };
      const { items } = await client.request<{ items: Item[] }>('GET', resource.service, resource.path, { query });
      if (options.json) return `${JSON.stringify(items, null, 2)}\n`;
      const columns = resource.columns.map((c) => ({ name: c.name, type: typeof c.value(items[0] ?? {}) === 'number' ? 'Int64' : 'String' }));
      return renderTable(columns, items.map((item) => resource.columns.map((c) => c.value(item) ?? '')));
    }
    case 'get':
      return show(await read(args[0], options.at));
    case 'set': {
      const body = parseDocument(await io.readInput(args[0]), args[0]);
      const key = body[resource.keyField];
      if (typeof key !== 'string') throw new CliError('INPUT', `${args[0]}: the ${resource.name} needs a '${resource.keyField}'`);
      const fields = Object.fromEntries(Object.entries(body).filter(([name]) => !SERVER_FIELDS.includes(name)));
      const based = typeof body.version === 'number' ? body.version : await currentVersion(() => read(key));
      const write = { query: { environment }, comment: options.comment, body: fields };
      if (based === undefined) return show(await client.request<Item>('POST', resource.service, resource.path, write), `created ${label(options, key)}`);
      const saved = await client.request<Item>('PUT', resource.service, itemPath(key), { ...write, ifMatch: based });
      return show(saved, `updated ${label(options, key)} (version ${based} -> ${String(saved.version)})`);
    }
    case 'delete': {
      const current = await read(args[0]);
      await client.request('DELETE', resource.service, itemPath(args[0]), { ifMatch: current.version as number, comment: options.comment });
      return `archived ${label(options, args[0])}\n`;
    }
    default:
      return show(await act(options, client, read), `${verb}: ${label(options, args[0])}`);
  }
}

/** Lifecycle verbs: experiments and kill switches at the current version; rollouts by the operator API. */
async function act(options: AdminOptions, client: ApiClient, read: (key: string) => Promise<Item>): Promise<Item> {
  const { resource, verb, args } = options;
  const path = `${resource.path}/${encodeURIComponent(args[0])}/${verb}`;
  if (resource.name === 'rollouts') return client.request('POST', 'deployment', path, { body: options.reason ? { reason: options.reason } : {} });
  const current = await read(args[0]);
  const body = verb === 'kill-switch' ? { enabled: args[1] === 'on' } : verb === 'conclude' ? { winner: options.winner } : {};
  const environment = resource.perEnvironment ? options.environment : undefined;
  return client.request('POST', resource.service, path, { body, ifMatch: current.version as number, comment: options.comment, query: { environment } });
}

async function currentVersion(read: () => Promise<Item>): Promise<number | undefined> {
  try {
    return (await read()).version as number;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** JSON or YAML (YAML is a superset of JSON): one object. */
function parseDocument(text: string, source: string): Item {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new CliError('INPUT', `${source}: not JSON or YAML (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError('INPUT', `${source}: expected one object`);
  return value as Item;
}

const label = (options: AdminOptions, key: string) =>
  `${options.resource.name.replace(/s$/, '')} '${key}'${options.resource.perEnvironment && options.environment ? ` in ${options.environment}` : ''}`;

/** One line per top-level field; nested values as compact JSON. */
function fieldTable(item: Item): string {
  const rows = Object.entries(item).map(([field, value]) => [field, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)]);
  return renderTable([{ name: 'field', type: 'String' }, { name: 'value', type: 'String' }], rows).replace(/\(\d+ rows?\)\n$/, '');
}
