import type { EntityDefinition } from '../entities/entity-definition';
import type { EntityView } from '../projections/entity-view';

export type EntityResource = Record<string, unknown> & { version: number; archived?: true };

type Presenter = Pick<EntityDefinition, 'present'>;

/**
 * `{ ...entity, version }`, plus `archived: true` for archived ones. With a definition that presents
 * per environment (flags), the state is the one `environment` serves (production when unset).
 */
export function toResource(view: EntityView, definition?: Presenter, environment?: string): EntityResource {
  const state = definition?.present && view.state ? definition.present(view.state, environment) : view.state;
  return { ...state, version: view.version, ...(view.archived ? { archived: true as const } : {}) };
}

export const etagOf = (view: EntityView): string => `"${view.version}"`;
