import { ConfigFileSchema, CONFIG_FILE_KINDS } from '@xp/contracts';
import { parse, stringify } from 'yaml';
import { CliError } from '../cli-error';
import type { ConfigEntities, Entity } from './platform-config';

/** Where editors find the file's JSON Schema (yaml-language-server), relative to the repository root. */
export const SCHEMA_LINE = '# yaml-language-server: $schema=tools/xp/xp-config.schema.json';

/** The export: the schema line, then every kind (empty ones too) with its entities sorted by key. */
export function toConfigYaml(entities: ConfigEntities): string {
  const document = Object.fromEntries(CONFIG_FILE_KINDS.map((kind) => [kind, entities[kind]]));
  return `${SCHEMA_LINE}\n${stringify(document, { lineWidth: 0, sortMapEntries: false })}`;
}

/** A config file read back: YAML, checked against the schema, keys unique per kind; entities as written. */
export function parseConfigYaml(text: string, file: string): ConfigEntities {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `${file} is not YAML: ${(error as Error).message}`);
  }
  const checked = ConfigFileSchema.safeParse(raw ?? {});
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new CliError('INVALID_INPUT', `${file}: ${issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  const document = (raw ?? {}) as Record<string, Entity[] | undefined>;
  const entities = {} as ConfigEntities;
  for (const kind of CONFIG_FILE_KINDS) {
    entities[kind] = document[kind] ?? [];
    const seen = new Set<string>();
    for (const entity of entities[kind]) {
      if (seen.has(entity.key)) throw new CliError('INVALID_INPUT', `${file}: ${kind} has '${entity.key}' twice`);
      seen.add(entity.key);
    }
  }
  return entities;
}
