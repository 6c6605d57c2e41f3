import type { ConfigFileKind } from '@xp/contracts';
import { type ApiClient, ApiError } from '../admin/api-client';
import { CliError } from '../cli-error';
import { dependencyOrder, experimentReferences, sameKindReferences, withoutExperimentRules } from './entity-references';
import { lifecyclePath } from './experiment-status-path';
import type { EntityChange, ImportDiff } from './import-diff';
import type { Entity, PlatformConfig } from './platform-config';

type Write = Exclude<EntityChange, { action: 'delete' }>;

/** Creates/changes in dependency order: segments and metrics, flags, experiments, then flags that hand units to a new experiment. */
const ORDER: ConfigFileKind[] = ['environments', 'segments', 'metrics', 'flags', 'experiments', 'holdouts'];

/**
 * Applies a diff through the API, each write with the version the diff was computed from (If-Match), so an entity
 * changed meanwhile is refused: the first refusal stops the import with the entity named. Returns one line per write.
 */
export async function applyImport(diff: ImportDiff, platform: PlatformConfig, client: ApiClient): Promise<string[]> {
  const done: string[] = [];
  const base = (kind: ConfigFileKind) => `/v1/${kind}`;
  const call = (method: string, path: string, body: unknown, ifMatch?: number) => client.request<{ version: number }>(method, 'config', path, { body, ifMatch });
  const named = async <T>(kind: ConfigFileKind, key: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new CliError(error.code, `${kind.replace(/s$/, '')} '${key}': ${error.describe()}`, { status: error.status, kind, key, applied: done });
    }
  };
  const write = async (change: Write, entity: Entity, version?: number): Promise<number> => {
    const reply = await named(change.kind, change.key, () =>
      version === undefined ? call('POST', base(change.kind), entity) : call('PUT', `${base(change.kind)}/${change.key}`, entity, version),
    );
    done.push(`${version === undefined ? 'created' : 'changed'} ${change.kind.replace(/s$/, '')} ${change.key}`);
    return reply.version;
  };
  const writes = diff.changes.filter((c): c is Write => c.action !== 'delete');
  const liveExperiments = new Set(platform.entities.experiments.map((e) => e.key));
  const later: { change: Write; version?: number }[] = [];
  for (const kind of ORDER) {
    const ofKind = dependencyOrder(writes.filter((c) => c.kind === kind), (c) => sameKindReferences(kind, c.entity));
    for (const change of ofKind) {
      const version = change.action === 'update' ? change.version : undefined;
      const needsNew = kind === 'flags' && experimentReferences(change.entity).some((k) => !liveExperiments.has(k));
      if (!needsNew) {
        const written = await write(change, change.entity, version);
        if (kind === 'experiments') await moveToStatus(change, written);
      } else if (change.action === 'create') later.push({ change, version: await write(change, withoutExperimentRules(change.entity)) });
      else later.push({ change, version });
    }
    if (kind === 'experiments') for (const { change, version } of later) await write(change, change.entity, version);
  }
  const deletes = diff.changes.filter((c): c is Extract<EntityChange, { action: 'delete' }> => c.action === 'delete');
  for (const kind of [...ORDER].reverse()) {
    for (const change of deletes.filter((c) => c.kind === kind)) {
      await named(kind, change.key, () => call('DELETE', `${base(kind)}/${change.key}`, undefined, change.version));
      done.push(`deleted ${kind.replace(/s$/, '')} ${change.key}`);
    }
  }
  return done;

  async function moveToStatus(change: Write, version: number): Promise<void> {
    const from = change.action === 'create' ? 'draft' : String(platform.entities.experiments.find((e) => e.key === change.key)?.status ?? 'draft');
    const to = String(change.entity.status ?? 'draft');
    const path = lifecyclePath(from, to);
    if (!path) throw new CliError('UNPROCESSABLE', `experiment '${change.key}': no lifecycle move from ${from} to ${to}`, { applied: done });
    let current = version;
    for (const verb of path) {
      const body = verb === 'conclude' ? { winner: change.entity.winner } : {};
      current = (await named('experiments', change.key, () => call('POST', `${base('experiments')}/${change.key}/${verb}`, body, current))).version;
      done.push(`${verb} experiment ${change.key}`);
    }
  }
}
