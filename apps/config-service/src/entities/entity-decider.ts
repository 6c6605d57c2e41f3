import { ConflictError, InvalidInputError, NotFoundError, UnprocessableError } from '@xp/platform';
import type { NewEvent } from '../event-store/stored-event';
import type { EntityView } from '../projections/entity-view';
import type { EntityDefinition, ReferenceLookup, WriteContext } from './entity-definition';

export function requireExisting(definition: Pick<EntityDefinition, 'streamType'>, key: string, current: EntityView | undefined): EntityView {
  if (!current) throw new NotFoundError('not_found', `No ${definition.streamType} '${key}'`, { details: { key } });
  return current;
}

/** Archived entities are history: readable, never changed again. */
export function requireLive(definition: Pick<EntityDefinition, 'streamType'>, key: string, current: EntityView | undefined): EntityView {
  const existing = requireExisting(definition, key, current);
  if (existing.archived) throw new ConflictError('archived', `${definition.streamType} '${key}' is archived and read-only`, { details: { key } });
  return existing;
}

export function requireExpectedVersion(current: EntityView | undefined, expectedVersion: number): void {
  const actual = current?.version ?? 0;
  if (actual !== expectedVersion) {
    throw new ConflictError('version_conflict', `Expected version ${expectedVersion} but the current version is ${actual}`, {
      details: { expectedVersion, actualVersion: actual },
    });
  }
}

export function decideCreate(definition: EntityDefinition, current: EntityView | undefined, input: Record<string, unknown>, context?: WriteContext): NewEvent[] {
  const state = definition.toState(input, undefined, context);
  if (current) throw new ConflictError('already_exists', `${definition.streamType} '${String(state.key)}' already exists`, { details: { key: state.key } });
  return [{ eventType: `${definition.eventPrefix}Created`, payload: { state } }];
}

/** Full replacement; the key comes from the path and may be repeated in the body only unchanged. */
export function decideUpdate(
  definition: EntityDefinition,
  key: string,
  current: EntityView | undefined,
  input: Record<string, unknown>,
  context?: WriteContext,
): NewEvent[] {
  if (input.key !== undefined && input.key !== key) {
    throw new InvalidInputError('key_mismatch', `Body key '${String(input.key)}' differs from the path key '${key}'`, {
      details: { issues: [{ path: 'key', message: 'must equal the key in the path' }] },
    });
  }
  const live = requireLive(definition, key, current);
  const state = definition.toState({ ...input, key }, live, context);
  return [{ eventType: `${definition.eventPrefix}Updated`, payload: { state } }];
}

export function decideArchive(definition: EntityDefinition, key: string, current: EntityView | undefined): NewEvent[] {
  const live = requireLive(definition, key, current);
  if (definition.decideArchive) return definition.decideArchive(live);
  return [{ eventType: `${definition.eventPrefix}Archived`, payload: { state: null } }];
}

/** 422 when the new state refers to entities that do not exist (or are archived). */
export function checkReferences(definition: EntityDefinition, state: Record<string, unknown> | null, lookup: ReferenceLookup): void {
  if (state === null) return;
  const problems = definition.referenceProblems(state, lookup);
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    const code = problems.some((p) => p.cycle) ? 'reference_cycle' : 'unknown_reference';
    throw new UnprocessableError(code, `Invalid references: ${summary}`, { details: { issues: problems } });
  }
}
