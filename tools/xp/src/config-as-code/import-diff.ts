import { isDeepStrictEqual } from 'node:util';
import { CONFIG_FILE_KINDS, type ConfigFileKind } from '@xp/contracts';
import { type ConfigEntities, type Entity, type PlatformConfig, sortKeys, toFileEntity } from './platform-config';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type EntityChange =
  | { action: 'create'; kind: ConfigFileKind; key: string; entity: Entity }
  | { action: 'update'; kind: ConfigFileKind; key: string; entity: Entity; version: number; fields: FieldChange[] }
  | { action: 'delete'; kind: ConfigFileKind; key: string; version: number };

/** What an import would do, in dependency order, with the versions it is based on. */
export interface ImportDiff {
  changes: EntityChange[];
  /** On the platform, not in the file: deleted only with --prune. */
  notInFile: { kind: ConfigFileKind; key: string }[];
}

/** Top-level fields that differ (a field missing on one side compares as absent). */
export function fieldChanges(current: Entity, wanted: Entity): FieldChange[] {
  const fields = [...new Set([...Object.keys(current), ...Object.keys(wanted)])].sort();
  return fields.filter((f) => !isDeepStrictEqual(current[f], wanted[f])).map((field) => ({ field, from: current[field], to: wanted[field] }));
}

/** The file against the platform: created, changed field by field, and (with prune) deleted. */
export function diffConfig(file: ConfigEntities, platform: PlatformConfig, prune: boolean): ImportDiff {
  const changes: EntityChange[] = [];
  const notInFile: ImportDiff['notInFile'] = [];
  for (const kind of CONFIG_FILE_KINDS) {
    const current = new Map(platform.entities[kind].map((e) => [e.key, e]));
    for (const raw of file[kind]) {
      const entity = toFileEntity(kind, sortKeys(raw) as Entity);
      const existing = current.get(entity.key);
      if (!existing) changes.push({ action: 'create', kind, key: entity.key, entity });
      else {
        const fields = fieldChanges(existing, entity);
        if (fields.length > 0) changes.push({ action: 'update', kind, key: entity.key, entity, version: platform.versions[kind].get(entity.key) ?? 0, fields });
      }
    }
    const wanted = new Set(file[kind].map((e) => e.key));
    for (const key of current.keys()) {
      if (wanted.has(key)) continue;
      if (prune) changes.push({ action: 'delete', kind, key, version: platform.versions[kind].get(key) ?? 0 });
      else notInFile.push({ kind, key });
    }
  }
  return { changes, notInFile };
}

const short = (value: unknown) => {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The dry run, for review: one line per entity, one per changed field. */
export function renderDiff(diff: ImportDiff): string {
  if (diff.changes.length === 0) {
    const kept = diff.notInFile.length ? ` (${diff.notInFile.length} on the platform but not in the file, kept; --prune deletes them)` : '';
    return `No changes.${kept}\n`;
  }
  const lines: string[] = [];
  const sign = { create: '+', update: '~', delete: '-' } as const;
  for (const change of diff.changes) {
    lines.push(`${sign[change.action]} ${change.kind.replace(/s$/, '')} ${change.key}${change.action === 'update' ? '' : ` (${change.action})`}`);
    if (change.action === 'update') for (const f of change.fields) lines.push(`    ${f.field}: ${short(f.from)} -> ${short(f.to)}`);
  }
  for (const { kind, key } of diff.notInFile) lines.push(`  ${kind.replace(/s$/, '')} ${key}: not in the file (kept; --prune deletes it)`);
  const count = (a: string) => diff.changes.filter((c) => c.action === a).length;
  lines.push('', `${count('create')} to create, ${count('update')} to change, ${count('delete')} to delete.`);
  return `${lines.join('\n')}\n`;
}
